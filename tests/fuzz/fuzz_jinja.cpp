// SPDX-License-Identifier: MIT
// Fuzzes the Jinja engine: the input is a template, parsed and rendered with a small chat context. Any
// template either renders or throws an awq::Error (SyntaxError / RenderError); the step, output and depth
// limits keep a hostile template from hanging or eating memory.
#include "fuzz_util.hpp"

#include <awq/jinja/template.hpp>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    static const awq::jinja::Value context = awq::jinja::Value::from_json(R"({
        "messages": [{"role": "system", "content": "Be brief."}, {"role": "user", "content": "Hi ✓"},
                     {"role": "assistant", "content": " Hello "}, {"role": "user", "content": "Bye"}],
        "add_generation_prompt": true, "bos_token": "<s>", "eos_token": "</s>", "tools": null,
        "documents": null, "d": {"a": 1, "b": [1, 2.5, null, true]}})");
    awq::jinja::RenderOptions options;
    options.max_steps = 20000;
    options.max_output_bytes = 1 << 20;
    options.max_depth = 64;
    options.strftime_now = [](const std::string& f) { return f; };
    try {
        const awq::jinja::Template t(std::string(awq::fuzz::as_text(data, size)));
        (void)t.render(context, options);
    } catch (const awq::Error&) {
    }
    return 0;
}
