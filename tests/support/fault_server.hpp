#pragma once
// A real HTTP server on 127.0.0.1 (cpp-httplib) for tests. It serves
// registered bodies, answers Range and conditional requests like a real
// server, injects faults (dropped connections, error statuses, trickling
// bodies, ignored Range...) and counts the body bytes it sent so tests can
// prove a resumed download did not fetch bytes twice.

#include <atomic>
#include <chrono>
#include <cstdint>
#include <deque>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

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
  // Faults. The connection is closed after `drop_after` body bytes (so the
  // client sees a body shorter than its Content-Length).
  std::size_t drop_after = std::string::npos;
  // Announces this Content-Length instead of the body's (0: the real one),
  // and closes the connection when the body runs out.
  std::size_t announced_length = 0;
  // Sends the body at about this rate (bytes per second); 0 = full speed.
  std::size_t trickle_bytes_per_second = 0;
  // How many requests this route answers before the next one registered for
  // the same path takes over (set_routes); -1 = all of them.
  int times = -1;
  // Answers this long after the request arrives: a server far away (one
  // round trip of latency per request), for benchmarks.
  std::chrono::milliseconds delay{0};
};

// The request headers the fetcher's behaviour is judged by.
struct SeenRequest {
  std::string range;
  std::string if_range;
  std::string if_none_match;
  std::string if_modified_since;
  int remote_port = 0;  // the client's end of the connection: one per connection
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
  // Keeps a connection open after an answer, for the client's next request
  // (up to 100 requests, 1 s idle), as real servers do. Off by default: the
  // server then closes after every answer, since a connection the client
  // keeps open holds stop() until it times out. Call before start().
  void keep_connections_open();
  int port() const { return m_port; }
  std::string url(const std::string& path) const;

  void set_route(const std::string& path, Route route);
  // A sequence of answers for one path: each route serves `times` requests,
  // then the next takes over (the last one stays).
  void set_routes(const std::string& path, std::vector<Route> routes);
  // Body bytes actually written to sockets, over all requests.
  std::uint64_t bytes_served() const { return m_bytes_served.load(); }
  // The most requests answered at the same time since start or the last
  // reset (a request counts from its arrival until its handler returns,
  // Route::delay included).
  int max_in_flight() const { return m_max_in_flight.load(); }
  void reset_max_in_flight() { m_max_in_flight = 0; }
  int requests(const std::string& path) const;
  std::vector<SeenRequest> seen(const std::string& path) const;
  // Every path requested at least once, sorted.
  std::vector<std::string> seen_paths() const;

  // Serves every regular file under `dir` at "/<relative path>", each
  // answer `delay` after its request.
  void serve_directory(const std::string& dir, std::chrono::milliseconds delay = {});

 private:
  std::unique_ptr<httplib::Server> m_server;
  std::thread m_thread;
  int m_port = 0;
  mutable std::mutex m_mutex;
  std::map<std::string, std::deque<std::shared_ptr<Route>>> m_routes;
  std::map<std::string, std::vector<SeenRequest>> m_seen;
  std::atomic<std::uint64_t> m_bytes_served{0};
  std::atomic<int> m_in_flight{0};
  std::atomic<int> m_max_in_flight{0};
  std::atomic<bool> m_stopping{false};
};

}  // namespace packager::testing
