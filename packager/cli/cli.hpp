#pragma once
// The command line: parses arguments with CLI11 and runs a command. Never
// throws; returns the process exit status (see ErrorCode for the values).

namespace packager::cli {

int run(int argc, char** argv);

}  // namespace packager::cli
