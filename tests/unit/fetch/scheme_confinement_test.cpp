// Security: what a server may make packager fetch. A redirect can only lead
// to http or https; a lesson's URL can only be http, https or file.
#include <gtest/gtest.h>

#include "packager/fetch/fetcher.hpp"
#include "tests/support/fault_server.hpp"
#include "tests/support/test_support.hpp"

namespace packager::fetch {
namespace {
using packager::testing::FaultServer;
using packager::testing::Route;
using packager::testing::ScratchDir;

class SchemeConfinementTest : public ::testing::Test {
 protected:
  void SetUp() override { server.start(); }
  FetchOptions options() const {
    FetchOptions o;
    o.cache_dir = cache.path();
    return o;
  }
  void redirect_to(const std::string& location) {
    Route route{"moved", "text/plain", 302, "", "", false, {{"Location", location}}};
    server.set_route("/v.mp4", route);
  }
  FaultServer server;
  ScratchDir cache;
};

TEST_F(SchemeConfinementTest, RedirectToFileIsRefused) {
  // A hostile server must not turn a download into a read of local files.
  redirect_to("file:///etc/passwd");
  const auto got = fetch_media(server.url("/v.mp4"), options());
  ASSERT_FALSE(got);
  EXPECT_EQ(got.error().code, ErrorCode::network) << got.error().message;
  EXPECT_EQ(got.error().message, server.url("/v.mp4") +
                                     ": the server redirects to file:///etc/passwd, which is refused: a download may "
                                     "only be redirected to http or https, so that no server can make packager read "
                                     "this machine's files or other services");
}

TEST_F(SchemeConfinementTest, RedirectToOtherSchemesIsRefused) {
  for (const std::string location : {"ftp://127.0.0.1/v.mp4", "gopher://127.0.0.1/v.mp4",
                                     "dict://127.0.0.1/v", "scp://127.0.0.1/v.mp4"}) {
    redirect_to(location);
    const auto got = fetch_media(server.url("/v.mp4"), options());
    ASSERT_FALSE(got) << location;
    EXPECT_EQ(got.error().code, ErrorCode::network) << location << ": " << got.error().message;
  }
}

TEST_F(SchemeConfinementTest, OtherSchemesAreRefusedBeforeAnyRequest) {
  for (const std::string url : {"ftp://127.0.0.1/v.mp4", "javascript:alert(1)", "data:video/mp4;base64,AAAA",
                                "gopher://127.0.0.1/v.mp4"}) {
    const auto got = fetch_media(url, options());
    ASSERT_FALSE(got) << url;
    EXPECT_EQ(got.error().code, ErrorCode::input) << url << ": " << got.error().message;
  }
}

}  // namespace
}  // namespace packager::fetch
