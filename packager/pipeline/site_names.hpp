#pragma once
// What a USB stick's file system allows: FAT32 and exFAT names, Windows path
// lengths, FAT32's file size limit. Checked on every site file before
// anything is written, so a stick never gets half a site.

#include <cstdint>
#include <string>
#include <vector>

namespace packager::pipeline {

// FAT32 stores sizes in 32 bits: a file must be smaller than 4 GiB.
inline constexpr std::uintmax_t k_fat32_max_file_size = 0xFFFFFFFFull;
// Windows opens paths up to 260 characters including "E:\"; 200 leaves room
// for the site to be copied into a folder on a disk.
inline constexpr std::size_t k_max_site_path = 200;
// Files on FAT32 take whole clusters; 32 KiB is the default on sticks over
// 32 GB formatted FAT32, and the size estimate rounds every file up to it.
inline constexpr std::uintmax_t k_cluster_size = 32 * 1024;

// Why the '/'-separated relative path cannot be written to a FAT32/exFAT
// stick (and opened on Windows), or "" when it can: reserved characters
// " * : < > ? \ | and control characters, a trailing dot or space, device
// names (CON, NUL, COM1...), a part over 255 bytes, a path over
// k_max_site_path.
std::string fat_path_problem(const std::string& path);

// The first pair of paths that differ only in letter case (ASCII), which
// FAT and exFAT would store as one file; empty when there is none.
std::vector<std::string> case_collision(std::vector<std::string> paths);

// Bytes a file of `size` occupies on the stick: rounded up to whole clusters.
std::uintmax_t on_stick_size(std::uintmax_t size);

}  // namespace packager::pipeline
