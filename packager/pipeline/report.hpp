#pragma once
// The build report and checksum list written beside every build's output
// (pass_write_report.cpp). Their format, and reading them back,
// belong to the inspection stage (inspect/report_read.hpp); the names are
// brought here for the passes that read the last build's report.

#include "packager/inspect/report_read.hpp"

namespace packager::pipeline {

using inspect::format_sums;
using inspect::k_report_file;
using inspect::k_report_format;
using inspect::k_sums_file;
using inspect::LessonRecord;
using inspect::OutputRecord;
using inspect::parse_sums;
using inspect::read_report;
using inspect::ReportSummary;

}  // namespace packager::pipeline
