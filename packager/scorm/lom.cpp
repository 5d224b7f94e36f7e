#include "packager/scorm/lom.hpp"

#include <string>

#include "packager/scorm/xml_text.hpp"

namespace packager::scorm {
namespace {

// IMS MD 1.2.1: every string is a <langstring xml:lang=…> in a container.
struct Md12 {
  std::string lang;
  pugi::xml_node child(pugi::xml_node parent, const char* name) const {
    return parent.append_child((std::string("imsmd:") + name).c_str());
  }
  void langstring(pugi::xml_node parent, const std::string& text, const std::string& language) const {
    pugi::xml_node s = child(parent, "langstring");
    s.append_attribute("xml:lang") = language.c_str();
    s.text() = clean_text(text).c_str();
  }
  void vocabulary(pugi::xml_node parent, const char* name, const char* value) const {
    pugi::xml_node node = child(parent, name);
    langstring(child(node, "source"), "LOMv1.0", "x-none");
    langstring(child(node, "value"), value, "x-none");
  }
};

void lom_12(pugi::xml_node metadata, const Metadata& meta) {
  const Md12 md{meta.language.empty() ? "x-none" : meta.language};
  pugi::xml_node lom = md.child(metadata, "lom");
  pugi::xml_node general = md.child(lom, "general");
  if (!meta.title.empty()) md.langstring(md.child(general, "title"), clean_title(meta.title, 1000), md.lang);
  if (!meta.language.empty()) md.child(general, "language").text() = clean_text(meta.language).c_str();
  if (!meta.description.empty()) md.langstring(md.child(general, "description"), meta.description, md.lang);
  if (!meta.version.empty()) md.langstring(md.child(md.child(lom, "lifecycle"), "version"), meta.version, "x-none");
  if (meta.duration_seconds > 0) {
    pugi::xml_node duration = md.child(md.child(lom, "technical"), "duration");
    md.child(duration, "datetime").text() = iso_duration(meta.duration_seconds).c_str();
  }
  if (!meta.rights.empty()) {
    pugi::xml_node rights = md.child(lom, "rights");
    md.vocabulary(rights, "copyrightandotherrestrictions", "yes");
    md.langstring(md.child(rights, "description"), meta.rights, md.lang);
  }
}

// IEEE LOM (2004): strings are <string language=…>, vocabularies carry
// <source>LOMv1.0</source><value>…</value>.
void string_in(pugi::xml_node parent, const std::string& text, const std::string& language) {
  pugi::xml_node s = parent.append_child("string");
  if (!language.empty()) s.append_attribute("language") = language.c_str();
  s.text() = clean_text(text).c_str();
}

void lom_2004(pugi::xml_node metadata, const Metadata& meta) {
  pugi::xml_node lom = metadata.append_child("lom");
  lom.append_attribute("xmlns") = "http://ltsc.ieee.org/xsd/LOM";
  pugi::xml_node general = lom.append_child("general");
  if (!meta.title.empty()) string_in(general.append_child("title"), clean_title(meta.title, 1000), meta.language);
  if (!meta.language.empty()) general.append_child("language").text() = clean_text(meta.language).c_str();
  if (!meta.description.empty()) string_in(general.append_child("description"), meta.description, meta.language);
  if (!meta.version.empty()) string_in(lom.append_child("lifeCycle").append_child("version"), meta.version, "");
  if (meta.duration_seconds > 0) {
    pugi::xml_node duration = lom.append_child("technical").append_child("duration");
    duration.append_child("duration").text() = iso_duration(meta.duration_seconds).c_str();
  }
  if (!meta.rights.empty()) {
    pugi::xml_node rights = lom.append_child("rights");
    pugi::xml_node restrictions = rights.append_child("copyrightAndOtherRestrictions");
    restrictions.append_child("source").text() = "LOMv1.0";
    restrictions.append_child("value").text() = "yes";
    string_in(rights.append_child("description"), meta.rights, meta.language);
  }
}

}  // namespace

void append_lom(pugi::xml_node metadata, const Metadata& meta, Version version) {
  if (meta.title.empty() && meta.description.empty() && meta.language.empty() && meta.version.empty() &&
      meta.rights.empty() && meta.duration_seconds <= 0)
    return;
  if (version == Version::scorm12) lom_12(metadata, meta);
  else lom_2004(metadata, meta);
}

}  // namespace packager::scorm
