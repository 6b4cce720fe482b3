// SPDX-License-Identifier: MIT
// Post-processors: TemplateProcessing (single sequence), ByteLevel (offsets only: a no-op for ids), Sequence.
#include "tokenizer/components.hpp"

#include <awq/error.hpp>

namespace awq::tok {

namespace {

class TemplatePost final : public PostProcessor {
public:
    // A template item: special token ids, or (empty ids) the sequence itself.
    struct Item {
        bool is_sequence = false;
        std::vector<int32_t> ids;
    };
    explicit TemplatePost(std::vector<Item> single) : single_(std::move(single)) {}

    void process(std::vector<int32_t>& ids, bool add_special_tokens) const override {
        if (!add_special_tokens) return;
        std::vector<int32_t> out;
        out.reserve(ids.size() + 4);
        for (const auto& item : single_) {
            if (item.is_sequence) out.insert(out.end(), ids.begin(), ids.end());
            else out.insert(out.end(), item.ids.begin(), item.ids.end());
        }
        ids = std::move(out);
    }

    std::optional<int32_t> bos_id() const override {
        for (const auto& item : single_) {
            if (item.is_sequence) break;
            if (!item.ids.empty()) return item.ids.front();
        }
        return std::nullopt;
    }

private:
    std::vector<Item> single_;
};

class NoOpPost final : public PostProcessor {
public:
    void process(std::vector<int32_t>&, bool) const override {}
    std::optional<int32_t> bos_id() const override { return std::nullopt; }
};

class SequencePost final : public PostProcessor {
public:
    explicit SequencePost(std::vector<std::unique_ptr<PostProcessor>> parts) : parts_(std::move(parts)) {}
    void process(std::vector<int32_t>& ids, bool add_special_tokens) const override {
        for (const auto& p : parts_) p->process(ids, add_special_tokens);
    }
    std::optional<int32_t> bos_id() const override {
        for (const auto& p : parts_)
            if (auto id = p->bos_id()) return id;
        return std::nullopt;
    }

private:
    std::vector<std::unique_ptr<PostProcessor>> parts_;
};

std::vector<int32_t> special_ids(const nlohmann::json& specials, const std::string& name, const Source& src) {
    const std::string where = "post_processor TemplateProcessing special_tokens";
    if (!specials.is_object() || !specials.contains(name))
        throw FormatError(src.name + ": " + where + " has no entry for '" + name + "'");
    const auto& ids = require(specials.at(name), "ids", src, where + " '" + name + "'");
    if (!ids.is_array()) throw FormatError(src.name + ": " + where + " '" + name + "' ids is not a list");
    std::vector<int32_t> out;
    for (const auto& v : ids) {
        if (!v.is_number_integer()) throw FormatError(src.name + ": " + where + " '" + name + "' has a non-integer id");
        out.push_back(v.get<int32_t>());
    }
    return out;
}

std::unique_ptr<PostProcessor> make_template(const nlohmann::json& j, const Source& src) {
    const std::string where = "post_processor TemplateProcessing";
    const auto& single = require(j, "single", src, where);
    const auto& specials = require(j, "special_tokens", src, where);
    if (!single.is_array()) throw FormatError(src.name + ": " + where + " 'single' is not a list");
    std::vector<TemplatePost::Item> items;
    for (const auto& piece : single) {
        if (piece.is_object() && piece.contains("SpecialToken")) {
            items.push_back({false, special_ids(specials, require_string(piece.at("SpecialToken"), "id", src, where), src)});
        } else if (piece.is_object() && piece.contains("Sequence")) {
            if (require_string(piece.at("Sequence"), "id", src, where) != "A")
                throw Unsupported(src.name + ": " + where + " single template uses a sequence other than $A");
            items.push_back({true, {}});
        } else {
            throw FormatError(src.name + ": " + where + " 'single' item is neither SpecialToken nor Sequence");
        }
    }
    return std::make_unique<TemplatePost>(std::move(items));
}

}  // namespace

std::unique_ptr<PostProcessor> make_post_processor(const nlohmann::json& j, const Source& src) {
    const std::string type = component_type(j, src, "post_processor");
    if (type == "TemplateProcessing") return make_template(j, src);
    if (type == "ByteLevel") return std::make_unique<NoOpPost>();
    if (type == "Sequence") {
        const auto& list = require(j, "processors", src, "post_processor Sequence");
        if (!list.is_array()) throw FormatError(src.name + ": post_processor Sequence 'processors' is not a list");
        std::vector<std::unique_ptr<PostProcessor>> parts;
        for (const auto& item : list) parts.push_back(make_post_processor(item, src));
        return std::make_unique<SequencePost>(std::move(parts));
    }
    unsupported_type(src, "post_processor", type);
}

}  // namespace awq::tok
