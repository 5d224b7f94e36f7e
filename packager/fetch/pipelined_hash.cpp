#include "packager/fetch/pipelined_hash.hpp"

namespace packager::fetch {

PipelinedHash::PipelinedHash(util::Sha256& hash) : m_hash(hash) {
  m_pending.reserve(k_chunk);
  m_thread = std::thread([this] { run(); });
}

PipelinedHash::~PipelinedHash() { finish(); }

void PipelinedHash::update(std::string_view bytes) {
  m_pending.append(bytes);
  if (m_pending.size() >= k_chunk) push_pending();
}

void PipelinedHash::push_pending() {
  if (m_pending.empty()) return;
  std::unique_lock<std::mutex> lock(m_mutex);
  m_changed.wait(lock, [this] { return m_queue.size() < k_queue; });
  m_queue.push_back(std::move(m_pending));
  m_pending = std::string();
  if (!m_spare.empty()) {
    m_pending = std::move(m_spare.back());
    m_spare.pop_back();
  }
  m_changed.notify_all();
  lock.unlock();
  m_pending.reserve(k_chunk);
}

void PipelinedHash::drain() {
  push_pending();
  std::unique_lock<std::mutex> lock(m_mutex);
  m_changed.wait(lock, [this] { return m_queue.empty() && !m_busy; });
}

void PipelinedHash::finish() {
  if (!m_thread.joinable()) return;
  drain();
  {
    std::lock_guard<std::mutex> lock(m_mutex);
    m_stopping = true;
  }
  m_changed.notify_all();
  m_thread.join();
}

void PipelinedHash::run() {
  std::unique_lock<std::mutex> lock(m_mutex);
  for (;;) {
    m_changed.wait(lock, [this] { return !m_queue.empty() || m_stopping; });
    if (m_queue.empty()) return;
    std::string chunk = std::move(m_queue.front());
    m_queue.pop_front();
    m_busy = true;
    m_changed.notify_all();  // room in the queue
    lock.unlock();
    m_hash.update(chunk);
    chunk.clear();
    lock.lock();
    m_spare.push_back(std::move(chunk));
    m_busy = false;
    m_changed.notify_all();  // drain() may be waiting
  }
}

}  // namespace packager::fetch
