#include "packager/lesson/order.hpp"

#include <algorithm>
#include <map>
#include <tuple>

#include "packager/lesson/areas.hpp"

namespace packager::lesson {

void order_lessons(Course& course) {
  std::map<std::string, size_t> explicit_rank;
  for (size_t i = 0; i < course.order.size(); ++i) explicit_rank.emplace(course.order[i], i);
  // Unknown areas keep the order in which they first appear.
  std::map<std::string, size_t> unknown_area_rank;
  for (const auto& l : course.lessons)
    if (!find_area(l.area)) unknown_area_rank.emplace(l.area, unknown_area_rank.size());

  using Key = std::tuple<size_t, size_t, size_t, long long, size_t>;
  std::vector<std::pair<Key, size_t>> keys;
  for (size_t i = 0; i < course.lessons.size(); ++i) {
    const Lesson& l = course.lessons[i];
    const auto it = explicit_rank.find(l.slug);
    const size_t first = it == explicit_rank.end() ? course.order.size() : it->second;
    size_t area = 0, unknown = 0;
    if (course.group_by_area) {
      area = area_rank(l.area);
      if (area == area_table().size()) unknown = unknown_area_rank[l.area];
    }
    // Higher priority first, as on the source site (the sixième
    // presentation has priority 1, the six capsules 0); absent means 0.
    const long long priority = -static_cast<long long>(l.priority.value_or(0));
    keys.push_back({Key{first, area, unknown, priority, i}, i});
  }
  std::sort(keys.begin(), keys.end());
  std::vector<Lesson> sorted;
  sorted.reserve(course.lessons.size());
  for (const auto& [key, index] : keys) sorted.push_back(std::move(course.lessons[index]));
  course.lessons = std::move(sorted);
}

}  // namespace packager::lesson
