#pragma once
// LOM metadata inside the manifest's <metadata>: IMS MD 1.2.1 (imsmd:
// prefix) for SCORM 1.2, IEEE LOM (default namespace on <lom>) for 2004.
// Internal to the scorm stage (it exposes pugixml).

#include <pugixml.hpp>

#include "packager/scorm/package.hpp"

namespace packager::scorm {

// The namespace URI of IMS MD 1.2.1, declared on a 1.2 manifest's root.
inline constexpr const char* k_imsmd_ns = "http://www.imsglobal.org/xsd/imsmd_rootv1p2p1";

// Appends <lom> to `metadata`. Writes nothing when every field is empty.
void append_lom(pugi::xml_node metadata, const Metadata& meta, Version version);

}  // namespace packager::scorm
