// fault_server DIR PORT_FILE [STATS_FILE]: serves DIR on 127.0.0.1 for the
// CLI scenarios. Writes the chosen port to PORT_FILE once listening; stops
// on SIGTERM or SIGINT, then writes STATS_FILE if given: "bytes <body bytes
// sent>", then per path "<path> <requests> <downloads>" (downloads: requests
// without If-None-Match, i.e. not revalidations). Unknown paths answer 404.
// FAULT_SERVER_DELAY_MS=N: every answer N ms after its request (a distant
// server, for benchmarks).
#include <chrono>
#include <csignal>
#include <cstdlib>
#include <cstdio>
#include <fstream>
#include <iostream>
#include <string>

#include "tests/support/fault_server.hpp"

int main(int argc, char** argv) {
  if (argc != 3 && argc != 4) {
    std::cerr << "usage: fault_server DIR PORT_FILE [STATS_FILE]\n";
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
  const char* delay = std::getenv("FAULT_SERVER_DELAY_MS");
  server.keep_connections_open();  // the client is another process: its exit closes them
  server.serve_directory(argv[1], std::chrono::milliseconds(delay != nullptr ? std::atol(delay) : 0));
  server.start();
  {
    std::ofstream port_file(std::string(argv[2]) + ".tmp");
    port_file << server.port() << "\n";
  }
  std::rename((std::string(argv[2]) + ".tmp").c_str(), argv[2]);
  int signal_number = 0;
  sigwait(&set, &signal_number);
  server.stop();
  if (argc == 4) {
    std::ofstream stats(std::string(argv[3]) + ".tmp");
    stats << "bytes " << server.bytes_served() << "\n";
    for (const auto& path : server.seen_paths()) {
      const auto seen = server.seen(path);
      int downloads = 0;
      for (const auto& request : seen) downloads += request.if_none_match.empty() ? 1 : 0;
      stats << path << " " << seen.size() << " " << downloads << "\n";
    }
    stats.close();
    std::rename((std::string(argv[3]) + ".tmp").c_str(), argv[3]);
  }
  return 0;
}
