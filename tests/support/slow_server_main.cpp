// slow_server DIR PORT_FILE BYTES_PER_SECOND: serves the regular files of
// DIR on 127.0.0.1 at a throttled rate, so the interruption scenario can land
// a signal in the middle of a download. Honours single "bytes=N-" / "N-M"
// ranges (a resumed download), writes the chosen port to PORT_FILE once
// listening, and stops on SIGTERM or SIGINT. A separate binary so that
// FaultServer's API stays the fetch tests' own.
#include <pthread.h>

#include <algorithm>
#include <chrono>
#include <csignal>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <iterator>
#include <memory>
#include <string>
#include <thread>

#include <httplib.h>

namespace {
namespace fs = std::filesystem;

constexpr size_t k_chunk_bytes = 16 * 1024;

std::shared_ptr<const std::string> read_whole(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  return std::make_shared<const std::string>(std::istreambuf_iterator<char>(in),
                                             std::istreambuf_iterator<char>());
}
}  // namespace

int main(int argc, char** argv) {
  if (argc != 4) {
    std::cerr << "usage: slow_server DIR PORT_FILE BYTES_PER_SECOND\n";
    return 2;
  }
  const fs::path root = argv[1];
  const long rate = std::max(1L, std::atol(argv[3]));
  // Sleep per chunk so that the body flows at about `rate` bytes a second.
  const auto pause = std::chrono::microseconds(static_cast<long long>(k_chunk_bytes) * 1000000 / rate);

  sigset_t set;
  sigemptyset(&set);
  sigaddset(&set, SIGTERM);
  sigaddset(&set, SIGINT);
  pthread_sigmask(SIG_BLOCK, &set, nullptr);

  httplib::Server server;
  server.Get(R"(/(.+))", [&](const httplib::Request& req, httplib::Response& res) {
    const fs::path file = root / req.matches[1].str();
    std::error_code ec;
    if (req.matches[1].str().find("..") != std::string::npos || !fs::is_regular_file(file, ec)) {
      res.status = 404;
      res.set_content("not found", "text/plain");
      return;
    }
    auto body = read_whole(file);
    // httplib slices the provider's output for Range requests itself.
    res.set_content_provider(body->size(), "video/mp4",
                             [body, pause](size_t offset, size_t length, httplib::DataSink& sink) {
                               const size_t n = std::min(length, k_chunk_bytes);
                               std::this_thread::sleep_for(pause);
                               return sink.write(body->data() + offset, n);
                             });
  });
  const int port = server.bind_to_any_port("127.0.0.1");
  std::thread thread([&] { server.listen_after_bind(); });
  while (!server.is_running()) std::this_thread::sleep_for(std::chrono::milliseconds(1));
  {
    std::ofstream port_file(std::string(argv[2]) + ".tmp");
    port_file << port << "\n";
  }
  std::rename((std::string(argv[2]) + ".tmp").c_str(), argv[2]);
  int signal_number = 0;
  sigwait(&set, &signal_number);
  server.stop();
  thread.join();
  return 0;
}
