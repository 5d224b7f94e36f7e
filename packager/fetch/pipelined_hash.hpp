#pragma once
// SHA-256 on a second thread, so hashing overlaps receiving and writing
// instead of adding to them. Memory is bounded: at most a few 1 MiB chunks
// wait in the queue (the caller blocks when it is full), and hashed chunks
// are handed back for reuse (no allocation, no fresh pages to fault in, per
// MiB).

#include <condition_variable>
#include <deque>
#include <mutex>
#include <string>
#include <string_view>
#include <thread>
#include <vector>

#include "packager/util/sha256.hpp"

namespace packager::fetch {

class PipelinedHash {
 public:
  // Feeds `hash`, which must outlive this object and not be touched by the
  // caller until drain() or finish() returned.
  explicit PipelinedHash(util::Sha256& hash);
  ~PipelinedHash();
  PipelinedHash(const PipelinedHash&) = delete;
  PipelinedHash& operator=(const PipelinedHash&) = delete;

  void update(std::string_view bytes);
  // Returns once every byte given so far is in `hash`; updates may follow.
  void drain();
  // drain(), then stops the thread. No update() afterwards.
  void finish();

 private:
  void push_pending();
  void run();
  static constexpr size_t k_chunk = 1 << 20;
  static constexpr size_t k_queue = 4;
  util::Sha256& m_hash;
  std::string m_pending;  // caller side, not shared
  std::deque<std::string> m_queue;
  std::vector<std::string> m_spare;  // hashed chunks, capacity kept
  bool m_busy = false;     // the worker is hashing a chunk it took
  bool m_stopping = false;
  std::mutex m_mutex;
  std::condition_variable m_changed;
  std::thread m_thread;
};

}  // namespace packager::fetch
