// Micro-benchmarks for the hot loops of packaging: CRC-32 (zlib, what
// libzip uses for stored entries), SHA-256 (OpenSSL, cache and reports) and
// plain file copies, in MB/s. Run by tests/bench/run.sh; not a test.
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>
#include <zlib.h>

#include <cstdio>
#include <filesystem>
#include <string>
#include <vector>

#include <benchmark/benchmark.h>

#include "packager/util/sha256.hpp"

namespace {

std::vector<char> make_buffer(size_t size) {
  std::vector<char> buffer(size);
  unsigned state = 12345;
  for (auto& c : buffer) {
    state = state * 1103515245u + 12345u;
    c = static_cast<char>(state >> 16);
  }
  return buffer;
}

void bm_crc32(benchmark::State& state) {
  const auto buffer = make_buffer(static_cast<size_t>(state.range(0)));
  for (auto _ : state) {
    uLong crc = crc32(0L, Z_NULL, 0);
    crc = crc32(crc, reinterpret_cast<const Bytef*>(buffer.data()), static_cast<uInt>(buffer.size()));
    benchmark::DoNotOptimize(crc);
  }
  state.SetBytesProcessed(state.iterations() * state.range(0));
}
BENCHMARK(bm_crc32)->Arg(1 << 20)->Arg(16 << 20);

void bm_sha256(benchmark::State& state) {
  const auto buffer = make_buffer(static_cast<size_t>(state.range(0)));
  for (auto _ : state) {
    packager::util::Sha256 hash;
    hash.update(buffer.data(), buffer.size());
    benchmark::DoNotOptimize(hash.hex_digest());
  }
  state.SetBytesProcessed(state.iterations() * state.range(0));
}
BENCHMARK(bm_sha256)->Arg(1 << 20)->Arg(16 << 20);

// A 64 MiB file copied with read/write through a buffer, and with
// copy_file_range (no user-space copy).
const std::string k_source = std::filesystem::temp_directory_path() / "packager-bench-copy.src";
const std::string k_target = std::filesystem::temp_directory_path() / "packager-bench-copy.dst";
constexpr size_t k_file_size = 64u << 20;

void ensure_source() {
  if (std::filesystem::exists(k_source) && std::filesystem::file_size(k_source) == k_file_size) return;
  const auto buffer = make_buffer(k_file_size);
  std::FILE* f = std::fopen(k_source.c_str(), "wb");
  std::fwrite(buffer.data(), 1, buffer.size(), f);
  std::fclose(f);
}

void bm_copy_read_write(benchmark::State& state) {
  ensure_source();
  std::vector<char> buffer(static_cast<size_t>(state.range(0)));
  for (auto _ : state) {
    const int in = ::open(k_source.c_str(), O_RDONLY);
    const int out = ::open(k_target.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
    ssize_t n = 0;
    while ((n = ::read(in, buffer.data(), buffer.size())) > 0) benchmark::DoNotOptimize(::write(out, buffer.data(), static_cast<size_t>(n)));
    ::close(in);
    ::close(out);
  }
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations()) * static_cast<int64_t>(k_file_size));
}
BENCHMARK(bm_copy_read_write)->Arg(64 << 10)->Arg(1 << 20)->Unit(benchmark::kMillisecond);

void bm_copy_file_range(benchmark::State& state) {
  ensure_source();
  for (auto _ : state) {
    const int in = ::open(k_source.c_str(), O_RDONLY);
    const int out = ::open(k_target.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
    loff_t left = static_cast<loff_t>(k_file_size);
    while (left > 0) {
      const ssize_t n = ::copy_file_range(in, nullptr, out, nullptr, static_cast<size_t>(left), 0);
      if (n <= 0) break;
      left -= n;
    }
    ::close(in);
    ::close(out);
  }
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations()) * static_cast<int64_t>(k_file_size));
}
BENCHMARK(bm_copy_file_range)->Unit(benchmark::kMillisecond);

}  // namespace

BENCHMARK_MAIN();
