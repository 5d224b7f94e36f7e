#include "packager/fetch/pipelined_hash.hpp"

namespace packager::fetch {

// The thread and the chunk buffer come with the first full chunk: a
// revalidation answered 304, or a caption file, needs neither.
PipelinedHash::PipelinedHash(util::Sha256& hash) : m_hash(hash) {}

PipelinedHash::~PipelinedHash() { finish(); }

void PipelinedHash::update(std::string_view bytes) {
  if (m_pending.capacity() < k_chunk) m_pending.reserve(k_chunk);
  m_pending.append(bytes);
  if (m_pending.size() >= k_chunk) push_pending();
}

void PipelinedHash::push_pending() {
  if (m_pending.empty()) return;
  if (!m_thread.joinable()) m_thread = std::thread([this] { run(); });
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
  if (!m_thread.joinable()) {
    // Less than a chunk so far, and nothing queued: hashed right here.
    if (!m_pending.empty()) m_hash.update(m_pending);
    m_pending.clear();
    return;
  }
  push_pending();
  std::unique_lock<std::mutex> lock(m_mutex);
  m_changed.wait(lock, [this] { return m_queue.empty() && !m_busy; });
}

void PipelinedHash::finish() {
  drain();
  if (!m_thread.joinable()) return;
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
