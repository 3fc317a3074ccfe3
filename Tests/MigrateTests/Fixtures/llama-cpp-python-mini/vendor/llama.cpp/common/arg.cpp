// Written for this test from the shapes of llama.cpp's common/arg.cpp (the llama.cpp that
// llama-cpp-python 0.3.17 vendors): one add_opt per kind of option the reader must handle.
static std::initializer_list<enum llama_example> mmproj_examples = {
    LLAMA_EXAMPLE_MTMD,
    LLAMA_EXAMPLE_SERVER,
};

common_params_context common_params_parser_init(common_params & params, llama_example ex) {
    auto add_opt = [&](common_arg arg) {
        if ((arg.in_example(ex) || arg.in_example(LLAMA_EXAMPLE_COMMON)) && !arg.is_exclude(ex)) {
            ctx_arg.options.push_back(std::move(arg));
        }
    };
    add_opt(common_arg(
        {"-c", "--ctx-size"}, "N",
        string_format("size of the prompt context (default: %d, 0 = loaded from model)", params.n_ctx),
        [](common_params & params, int value) {
            params.n_ctx = value;
        }
    ).set_env("LLAMA_ARG_CTX_SIZE"));
    add_opt(common_arg({ "-fa", "--flash-attn" }, "[on|off|auto]",
        string_format("set Flash Attention use ('on', 'off', or 'auto', default: '%s')", "auto"),
        [](common_params & params, const std::string & value) {
            params.flash_attn = value; /* "(default: x)" in a comment is ignored */
        }
    ).set_env("LLAMA_ARG_FLASH_ATTN"));
    add_opt(common_arg(
        {"--mmap"},
        {"--no-mmap"},
        "whether to memory-map model",
        [](common_params & params, bool value) {
            params.use_mmap = value;
        }
    ).set_env("LLAMA_ARG_MMAP"));
    add_opt(common_arg(
        {"--jinja"},
        "use jinja template for chat (default: disabled)",
        [](common_params & params) {
            params.use_jinja = true;
        }
    ).set_examples({LLAMA_EXAMPLE_SERVER, LLAMA_EXAMPLE_MAIN}));
    add_opt(common_arg(
        {"-sm", "--split-mode"}, "{none,layer,row}",
        "how to split the model across multiple GPUs",
        [](common_params & params, const std::string & value) {
            params.split_mode = value;
        }
    ));
    add_opt(common_arg(
        {"--temp"}, "N",
        "temperature (default: 0.8)",
        [](common_params & params, const std::string & value) {
            params.sampling.temp = std::stof(value);
        }
    ).set_sparam());
    add_opt(common_arg(
        {"--mmproj"}, "FILE",
        "path to a multimodal projector file, DEPRECATED spelling kept",
        [](common_params & params, const std::string & value) {
            params.mmproj.path = value;
        }
    ).set_examples(mmproj_examples));
    add_opt(common_arg(
        {"--interactive", "-i"},
        "run in interactive mode (not the server)",
        [](common_params & params) {
            params.interactive = true;
        }
    ).set_examples({LLAMA_EXAMPLE_MAIN}));
    add_opt(common_arg(
        {"--no-warmup"},
        "skip warming up the model",
        [](common_params & params) {
            params.warmup = false;
        }
    ).set_excludes({LLAMA_EXAMPLE_SERVER}));
    add_opt(common_arg(
        {"--lora-scaled"}, "FNAME", "SCALE",
        "path to LoRA adapter with user defined scaling",
        [](common_params & params, const std::string & fname, const std::string & scale) {
            params.lora_adapters.push_back({ fname, std::stof(scale) });
        }
    ));
}
