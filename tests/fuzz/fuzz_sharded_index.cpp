// SPDX-License-Identifier: MIT
// Fuzzes model.safetensors.index.json in a folder that holds the two shards of the sharded fixture and a
// file outside the folder. Shard names must stay inside the folder: a store that opens must only hold
// tensors of the two shards.
#include "fuzz_util.hpp"

#include <awq/io/safetensors.hpp>

namespace fs = std::filesystem;

namespace {

const fs::path& model_dir() {
    static const fs::path dir = [] {
        const fs::path root = awq::fuzz::scratch_dir();
        const fs::path model = root / "model";
        fs::create_directories(model);
        for (const char* name : {"model-00001-of-00002.safetensors", "model-00002-of-00002.safetensors"})
            fs::copy_file(fs::path(AWQ_FIXTURES_DIR) / "safetensors" / "sharded" / name, model / name,
                          fs::copy_options::overwrite_existing);
        // A valid safetensors file outside the model folder, reachable by "../outside.safetensors"
        // and by a symlink inside the folder: the index must not get to it either way.
        fs::copy_file(fs::path(AWQ_FIXTURES_DIR) / "safetensors" / "basic.safetensors", root / "outside.safetensors",
                      fs::copy_options::overwrite_existing);
        std::error_code ec;
        fs::create_symlink(root / "outside.safetensors", model / "link.safetensors", ec);
        return model;
    }();
    return dir;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    const fs::path& dir = model_dir();
    awq::fuzz::write_bytes(dir / "model.safetensors.index.json", data, size);
    try {
        const auto store = awq::TensorStore::open_folder(dir);
        for (const auto& f : store.files())
            if (f->path().parent_path() != dir || f->path().filename() == "link.safetensors") std::abort();
    } catch (const awq::Error&) {
    }
    return 0;
}
