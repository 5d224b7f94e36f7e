#include "tests/support/fault_server.hpp"

#include <chrono>
#include <filesystem>
#include <fstream>
#include <sstream>

#include <httplib.h>

namespace packager::testing {
namespace fs = std::filesystem;

namespace {

// Picks the answer for this request and consumes one use of it.
// Routes are shared, not copied: a benchmark body is hundreds of MB.
std::shared_ptr<const Route> take_route(std::deque<std::shared_ptr<Route>>& routes) {
  if (routes.empty()) return nullptr;
  std::shared_ptr<const Route> out = routes.front();
  if (routes.front()->times > 0 && --routes.front()->times == 0 && routes.size() > 1) routes.pop_front();
  return out;
}

// "bytes=N-" (the only form the fetcher sends) as N, or npos.
size_t range_start(const std::string& header) {
  if (header.rfind("bytes=", 0) != 0 || header.back() != '-') return std::string::npos;
  try {
    return static_cast<size_t>(std::stoull(header.substr(6)));
  } catch (const std::exception&) {
    return std::string::npos;
  }
}

}  // namespace

FaultServer::FaultServer() : m_server(std::make_unique<httplib::Server>()) {
  m_server->set_keep_alive_max_count(1);  // see keep_connections_open()
  m_server->Get(R"(/.*)", [this](const httplib::Request& request, httplib::Response& res) {
    struct InFlight {
      FaultServer& server;
      explicit InFlight(FaultServer& s) : server(s) {
        const int now = ++server.m_in_flight;
        int peak = server.m_max_in_flight.load();
        while (now > peak && !server.m_max_in_flight.compare_exchange_weak(peak, now)) {
        }
      }
      ~InFlight() { --server.m_in_flight; }
    } in_flight(*this);
    // httplib would apply Range itself; this server decides (and may ignore
    // it), so the parsed ranges are dropped from its own request object.
    auto& req = const_cast<httplib::Request&>(request);
    req.ranges.clear();
    std::shared_ptr<const Route> shared;
    {
      std::lock_guard<std::mutex> lock(m_mutex);
      m_seen[req.path].push_back(SeenRequest{req.get_header_value("Range"), req.get_header_value("If-Range"),
                                             req.get_header_value("If-None-Match"),
                                             req.get_header_value("If-Modified-Since"), req.remote_port});
      shared = take_route(m_routes[req.path]);
      if (!shared) {
        res.status = 404;
        res.set_content("not found", "text/plain");
        return;
      }
    }
    const Route& route = *shared;
    if (route.delay.count() > 0) std::this_thread::sleep_for(route.delay);
    for (const auto& [name, value] : route.headers) res.set_header(name, value);
    if (!route.etag.empty()) res.set_header("ETag", route.etag);
    if (!route.last_modified.empty()) res.set_header("Last-Modified", route.last_modified);
    res.status = route.status;
    if (route.status == 200) {
      const bool etag_matches = !route.etag.empty() && req.get_header_value("If-None-Match") == route.etag;
      const bool date_matches = !route.last_modified.empty() &&
                                req.get_header_value("If-Modified-Since") == route.last_modified;
      if (etag_matches || (!req.has_header("If-None-Match") && date_matches)) {
        res.status = 304;
        return;
      }
    }
    size_t start = 0;
    if (route.status == 200 && route.honour_range && req.has_header("Range")) {
      const std::string if_range = req.get_header_value("If-Range");
      const bool validator_ok = if_range.empty() || if_range == route.etag || if_range == route.last_modified;
      const size_t from = range_start(req.get_header_value("Range"));
      if (validator_ok && from != std::string::npos) {
        if (from >= route.body.size()) {
          res.status = 416;
          res.set_header("Content-Range", "bytes */" + std::to_string(route.body.size()));
          return;
        }
        start = from;
        res.status = 206;
        res.set_header("Content-Range", "bytes " + std::to_string(start) + "-" +
                                            std::to_string(route.body.size() - 1) + "/" +
                                            std::to_string(route.body.size()));
      }
    }
    // Content-Length announces the whole remaining body even when the route
    // drops the connection part-way: that is the "short body" fault.
    if (start == route.body.size()) {
      res.set_content("", route.content_type);
      return;
    }
    const size_t drop_after = route.drop_after;
    const size_t rate = route.trickle_bytes_per_second;
    const size_t content_length = route.announced_length > 0 ? route.announced_length : route.body.size() - start;
    res.set_content_provider(
        content_length, route.content_type,
        [this, shared, start, drop_after, rate](size_t offset, size_t length, httplib::DataSink& sink) {
          if (m_stopping || offset >= drop_after || start + offset >= shared->body.size()) return false;
          size_t chunk = rate > 0 ? std::max<size_t>(rate / 10, 1) : 256 * 1024;
          chunk = std::min({chunk, length, drop_after - offset, shared->body.size() - start - offset});
          // Counted before the write: a client can have the bytes, finish and
          // let its test read the count before the write call returns here.
          m_bytes_served += chunk;
          if (!sink.write(shared->body.data() + start + offset, chunk)) {
            m_bytes_served -= chunk;
            return false;
          }
          if (rate > 0) std::this_thread::sleep_for(std::chrono::milliseconds(100));
          return true;
        });
  });
}

FaultServer::~FaultServer() { stop(); }

void FaultServer::start() {
  m_port = m_server->bind_to_any_port("127.0.0.1");
  m_thread = std::thread([this] { m_server->listen_after_bind(); });
  // bind_to_any_port already listens; wait until the accept loop runs.
  while (!m_server->is_running()) std::this_thread::yield();
}

void FaultServer::keep_connections_open() {
  m_server->set_keep_alive_max_count(100);
  m_server->set_keep_alive_timeout(1);
  // As nginx does on kept connections: without it, an answer written in
  // two pieces waits for the client's delayed ACK (40 ms) on a reused one.
  m_server->set_tcp_nodelay(true);
}

void FaultServer::stop() {
  if (m_thread.joinable()) {
    m_stopping = true;
    m_server->stop();
    m_thread.join();
  }
}

std::string FaultServer::url(const std::string& path) const {
  return "http://127.0.0.1:" + std::to_string(m_port) + path;
}

void FaultServer::set_route(const std::string& path, Route route) { set_routes(path, {std::move(route)}); }

void FaultServer::set_routes(const std::string& path, std::vector<Route> routes) {
  std::lock_guard<std::mutex> lock(m_mutex);
  auto& queue = m_routes[path];
  queue.clear();
  for (auto& route : routes) queue.push_back(std::make_shared<Route>(std::move(route)));
}

int FaultServer::requests(const std::string& path) const {
  std::lock_guard<std::mutex> lock(m_mutex);
  auto it = m_seen.find(path);
  return it == m_seen.end() ? 0 : static_cast<int>(it->second.size());
}

std::vector<SeenRequest> FaultServer::seen(const std::string& path) const {
  std::lock_guard<std::mutex> lock(m_mutex);
  auto it = m_seen.find(path);
  return it == m_seen.end() ? std::vector<SeenRequest>{} : it->second;
}

std::vector<std::string> FaultServer::seen_paths() const {
  std::lock_guard<std::mutex> lock(m_mutex);
  std::vector<std::string> paths;
  for (const auto& [path, seen] : m_seen) paths.push_back(path);
  return paths;
}

void FaultServer::serve_directory(const std::string& dir, std::chrono::milliseconds delay) {
  for (const auto& entry : fs::recursive_directory_iterator(dir)) {
    if (!entry.is_regular_file()) continue;
    std::ifstream in(entry.path(), std::ios::binary);
    std::ostringstream body;
    body << in.rdbuf();
    Route route;
    route.body = body.str();
    const std::string ext = entry.path().extension().string();
    route.content_type = ext == ".html" ? "text/html; charset=utf-8" : ext == ".mp4" ? "video/mp4"
                         : ext == ".json" ? "application/json" : "application/octet-stream";
    route.etag = "\"" + std::to_string(route.body.size()) + "\"";
    route.delay = delay;
    set_route("/" + fs::relative(entry.path(), dir).generic_string(), std::move(route));
  }
}

}  // namespace packager::testing
