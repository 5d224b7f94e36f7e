#include "packager/cli/cli.hpp"

int main(int argc, char** argv) { return packager::cli::run(argc, argv); }
