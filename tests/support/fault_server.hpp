#pragma once
// A real HTTP server on 127.0.0.1 (cpp-httplib) for tests. It serves
// registered bodies and can inject faults, and counts the bytes it sent so
// tests can prove a resumed download did not fetch bytes twice.

#include <atomic>
#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <thread>

namespace httplib {
class Server;
}

namespace packager::testing {

struct Route {
  std::string body;
  std::string content_type = "video/mp4";
  int status = 200;
  std::string etag;            // sent as ETag when set
  std::string last_modified;   // sent as Last-Modified when set
  bool honour_range = true;    // answer Range requests with 206
  std::map<std::string, std::string> headers;  // extra response headers
};

class FaultServer {
 public:
  FaultServer();
  ~FaultServer();
  FaultServer(const FaultServer&) = delete;
  FaultServer& operator=(const FaultServer&) = delete;

  // Listens on 127.0.0.1 on a free port and serves in a background thread.
  void start();
  void stop();
  int port() const { return m_port; }
  std::string url(const std::string& path) const;

  void set_route(const std::string& path, Route route);
  std::uint64_t bytes_served() const { return m_bytes_served.load(); }
  int requests(const std::string& path) const;

  // Serves every regular file under `dir` at "/<relative path>".
  void serve_directory(const std::string& dir);

 private:
  std::unique_ptr<httplib::Server> m_server;
  std::thread m_thread;
  int m_port = 0;
  mutable std::mutex m_mutex;
  std::map<std::string, Route> m_routes;
  std::map<std::string, int> m_requests;
  std::atomic<std::uint64_t> m_bytes_served{0};
};

}  // namespace packager::testing
