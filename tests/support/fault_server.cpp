#include "tests/support/fault_server.hpp"

#include <filesystem>
#include <fstream>
#include <sstream>

#include <httplib.h>

namespace packager::testing {
namespace fs = std::filesystem;

FaultServer::FaultServer() : m_server(std::make_unique<httplib::Server>()) {
  m_server->Get(R"(/.*)", [this](const httplib::Request& req, httplib::Response& res) {
    Route route;
    {
      std::lock_guard<std::mutex> lock(m_mutex);
      ++m_requests[req.path];
      auto it = m_routes.find(req.path);
      if (it == m_routes.end()) {
        res.status = 404;
        res.set_content("not found", "text/plain");
        return;
      }
      route = it->second;
    }
    for (const auto& [name, value] : route.headers) res.set_header(name, value);
    if (!route.etag.empty()) res.set_header("ETag", route.etag);
    if (!route.last_modified.empty()) res.set_header("Last-Modified", route.last_modified);
    res.status = route.status;
    std::string body = route.body;
    if (route.status == 200 && route.honour_range && req.has_header("Range")) {
      // Only "bytes=N-" is needed by the fetcher.
      const std::string range = req.get_header_value("Range");
      const auto start = static_cast<size_t>(std::stoull(range.substr(range.find('=') + 1)));
      if (start < body.size()) {
        res.status = 206;
        res.set_header("Content-Range", "bytes " + std::to_string(start) + "-" +
                                            std::to_string(body.size() - 1) + "/" +
                                            std::to_string(body.size()));
        body = body.substr(start);
      }
    }
    m_bytes_served += body.size();
    res.set_content(body, route.content_type);
  });
}

FaultServer::~FaultServer() { stop(); }

void FaultServer::start() {
  m_port = m_server->bind_to_any_port("127.0.0.1");
  m_thread = std::thread([this] { m_server->listen_after_bind(); });
  // bind_to_any_port already listens; wait until the accept loop runs.
  while (!m_server->is_running()) std::this_thread::yield();
}

void FaultServer::stop() {
  if (m_thread.joinable()) {
    m_server->stop();
    m_thread.join();
  }
}

std::string FaultServer::url(const std::string& path) const {
  return "http://127.0.0.1:" + std::to_string(m_port) + path;
}

void FaultServer::set_route(const std::string& path, Route route) {
  std::lock_guard<std::mutex> lock(m_mutex);
  m_routes[path] = std::move(route);
}

int FaultServer::requests(const std::string& path) const {
  std::lock_guard<std::mutex> lock(m_mutex);
  auto it = m_requests.find(path);
  return it == m_requests.end() ? 0 : it->second;
}

void FaultServer::serve_directory(const std::string& dir) {
  for (const auto& entry : fs::recursive_directory_iterator(dir)) {
    if (!entry.is_regular_file()) continue;
    std::ifstream in(entry.path(), std::ios::binary);
    std::ostringstream body;
    body << in.rdbuf();
    Route route;
    route.body = body.str();
    const std::string ext = entry.path().extension().string();
    route.content_type = ext == ".html" ? "text/html; charset=utf-8" : ext == ".mp4" ? "video/mp4" : "application/octet-stream";
    route.etag = "\"" + std::to_string(route.body.size()) + "\"";
    set_route("/" + fs::relative(entry.path(), dir).generic_string(), std::move(route));
  }
}

}  // namespace packager::testing
