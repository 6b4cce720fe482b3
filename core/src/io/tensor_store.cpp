// SPDX-License-Identifier: MIT
// TensorStore: the tensors of a model folder — model.safetensors, the shards named by
// model.safetensors.index.json, or the *.safetensors files found there. Shard names from the index are
// untrusted: they must be plain file names that resolve inside the folder.
#include <awq/io/tensor_store.hpp>

#include <awq/error.hpp>
#include <awq/io/safetensors.hpp>

#include <nlohmann/json.hpp>

#include <algorithm>

namespace awq {

namespace fs = std::filesystem;
using nlohmann::json;

namespace {

constexpr const char* kIndexName = "model.safetensors.index.json";

// Refuses absolute paths, separators, "." / "..", and names (symlinks) that resolve outside the folder.
fs::path checked_shard_path(const fs::path& folder, const fs::path& index, const std::string& shard,
                            const std::string& tensor) {
    const auto bad = [&](const std::string& why) {
        return FormatError(index.string() + ": tensor '" + tensor + "' names shard '" + shard + "', which " + why);
    };
    if (shard.empty() || shard == "." || shard == ".." || shard.find('/') != std::string::npos ||
        shard.find('\0') != std::string::npos)
        throw bad("is not a plain file name inside the folder");
    const fs::path p = folder / shard;
    std::error_code ec;
    const fs::path real = fs::canonical(p, ec);
    if (ec) throw FileError(index.string() + ": shard '" + shard + "' of tensor '" + tensor + "': " + ec.message());
    const fs::path real_folder = fs::canonical(folder, ec);
    if (ec) throw FileError(folder.string() + ": " + ec.message());
    if (real.parent_path() != real_folder) throw bad("resolves outside the folder (" + real.string() + ")");
    return p;
}

std::map<std::string, std::string> read_weight_map(const fs::path& index) {
    json root;
    try {
        root = json::parse(read_text_file(index));
    } catch (const json::exception& e) {
        throw FormatError(index.string() + ": not valid JSON: " + e.what());
    }
    if (!root.is_object() || !root.contains("weight_map") || !root["weight_map"].is_object())
        throw FormatError(index.string() + ": missing \"weight_map\" object");
    std::map<std::string, std::string> out;
    for (const auto& [tensor, shard] : root["weight_map"].items()) {
        if (!shard.is_string())
            throw FormatError(index.string() + ": weight_map entry of tensor '" + tensor + "' is not a string");
        out.emplace(tensor, shard.get<std::string>());
    }
    if (out.empty()) throw FormatError(index.string() + ": \"weight_map\" is empty");
    return out;
}

bool has_extension(const fs::path& p, std::initializer_list<const char*> exts) {
    const auto e = p.extension().string();
    return std::any_of(exts.begin(), exts.end(), [&](const char* x) { return e == x; });
}

// Regular files (or links to them) in folder with one of the extensions, sorted by name.
std::vector<fs::path> files_with(const fs::path& folder, std::initializer_list<const char*> exts) {
    std::vector<fs::path> out;
    std::error_code ec;
    for (const auto& entry : fs::directory_iterator(folder, ec)) {
        if (entry.is_regular_file(ec) && has_extension(entry.path(), exts)) out.push_back(entry.path());
    }
    if (ec) throw FileError(folder.string() + ": cannot list: " + ec.message());
    std::sort(out.begin(), out.end());
    return out;
}

}  // namespace

class TensorStoreBuilder {
public:
    explicit TensorStoreBuilder(fs::path folder) { store_.folder_ = std::move(folder); }

    const std::shared_ptr<SafetensorsFile>& add(const fs::path& file) {
        auto f = SafetensorsFile::open(file);
        for (const auto& t : f->tensors()) {
            const auto [it, fresh] = store_.by_name_.emplace(t.name, &t);
            if (!fresh)
                throw FormatError(store_.folder_.string() + ": tensor '" + t.name + "' is in both " +
                                  it->second->file.filename().string() + " and " + file.filename().string());
        }
        store_.files_.push_back(std::move(f));
        return store_.files_.back();
    }

    TensorStore take() { return std::move(store_); }

private:
    TensorStore store_;
};

namespace {

TensorStore open_sharded(const fs::path& folder, const fs::path& index) {
    TensorStoreBuilder b(folder);
    std::map<std::string, std::shared_ptr<SafetensorsFile>> shards;  // each shard opened once
    for (const auto& [tensor, shard] : read_weight_map(index)) {
        auto it = shards.find(shard);
        if (it == shards.end()) it = shards.emplace(shard, b.add(checked_shard_path(folder, index, shard, tensor))).first;
        if (it->second->find(tensor) == nullptr)
            throw FormatError(index.string() + ": tensor '" + tensor + "' is not in its shard " + shard);
    }
    return b.take();
}

}  // namespace

TensorStore TensorStore::open_folder(const fs::path& folder) {
    std::error_code ec;
    if (!fs::is_directory(folder, ec)) throw FileError(folder.string() + ": not a folder");
    const fs::path index = folder / kIndexName;
    if (fs::exists(index, ec)) return open_sharded(folder, index);
    if (fs::exists(folder / "model.safetensors", ec)) return open_file(folder / "model.safetensors");
    const auto found = files_with(folder, {".safetensors"});
    if (!found.empty()) {
        TensorStoreBuilder b(folder);
        for (const auto& f : found) b.add(f);
        return b.take();
    }
    if (!files_with(folder, {".bin", ".pt", ".pth"}).empty())
        throw Unsupported(folder.string() +
                          ": only pickle .bin weights found; pickle .bin weights are not loaded for safety; "
                          "convert to safetensors");
    throw FileError(folder.string() + ": no model.safetensors, " + kIndexName + " or *.safetensors file found");
}

TensorStore TensorStore::open_file(const fs::path& file) {
    TensorStoreBuilder b(file.has_parent_path() ? file.parent_path() : fs::path("."));
    b.add(file);
    return b.take();
}

const TensorView* TensorStore::find(const std::string& name) const {
    const auto it = by_name_.find(name);
    return it == by_name_.end() ? nullptr : it->second;
}

const TensorView& TensorStore::get(const std::string& name) const {
    if (const auto* t = find(name)) return *t;
    throw FormatError(folder_.string() + ": tensor '" + name + "' is missing");
}

std::vector<std::string> TensorStore::names() const {
    std::vector<std::string> out;
    out.reserve(by_name_.size());
    for (const auto& [name, t] : by_name_) out.push_back(name);
    return out;
}

size_t TensorStore::total_bytes() const {
    size_t n = 0;
    for (const auto& [name, t] : by_name_) n += t->nbytes;
    return n;
}

}  // namespace awq
