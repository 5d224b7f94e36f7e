// fault_server DIR PORT_FILE: serves DIR on 127.0.0.1 for the CLI scenarios.
// Writes the chosen port to PORT_FILE once listening; stops on SIGTERM or SIGINT
// and then writes the body bytes it sent to PORT_FILE.bytes. Unknown paths answer 404.
#include <csignal>
#include <cstdio>
#include <fstream>
#include <iostream>
#include <string>

#include "tests/support/fault_server.hpp"

int main(int argc, char** argv) {
  if (argc != 3) {
    std::cerr << "usage: fault_server DIR PORT_FILE\n";
    return 2;
  }
  // Block the signals before the server's threads start so they inherit
  // the mask and only sigwait below sees them.
  sigset_t set;
  sigemptyset(&set);
  sigaddset(&set, SIGTERM);
  sigaddset(&set, SIGINT);
  pthread_sigmask(SIG_BLOCK, &set, nullptr);
  packager::testing::FaultServer server;
  server.serve_directory(argv[1]);
  server.start();
  {
    std::ofstream port_file(std::string(argv[2]) + ".tmp");
    port_file << server.port() << "\n";
  }
  std::rename((std::string(argv[2]) + ".tmp").c_str(), argv[2]);
  int signal_number = 0;
  sigwait(&set, &signal_number);
  server.stop();
  // What the scenario asserts on: body bytes sent over the whole run (a
  // build refused by its first pass must not have downloaded anything).
  {
    std::ofstream bytes_file(std::string(argv[2]) + ".bytes.tmp");
    bytes_file << server.bytes_served() << "\n";
  }
  std::rename((std::string(argv[2]) + ".bytes.tmp").c_str(), (std::string(argv[2]) + ".bytes").c_str());
  return 0;
}
