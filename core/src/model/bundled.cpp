// SPDX-License-Identifier: MIT
#include <awq/model/bundled.hpp>

#include <cstdlib>

namespace awq {

namespace fs = std::filesystem;

fs::path bundled_model_path() {
    // An explicit data folder wins, so an installed tree can be tested from a machine that has the sources.
    if (const char* data = std::getenv("AWQ_STUDIO_DATA"); data && *data)
        return fs::path(data) / "models" / bundled_model_name;
    const fs::path source_tree = fs::path(AWQ_RESOURCES_DIR) / "models" / bundled_model_name;
    if (fs::exists(source_tree / "config.json")) return source_tree;
    return fs::path("/usr/share/awq-studio/models") / bundled_model_name;
}

}  // namespace awq
