<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>awq::gui::CalibrationPage</name>
    <message>
        <location filename="../app/gui/calibration_page.cpp" line="43"/>
        <source>Calibration data</source>
        <translation>校准数据</translation>
    </message>
    <message>
        <location filename="../app/gui/calibration_page.cpp" line="46"/>
        <source>AWQ measures which input channels carry large activations on this text. A few hundred short documents from the model&apos;s domain are enough.</source>
        <translation>AWQ 在这段文本上测量哪些输入通道的激活值较大。几百篇来自模型领域的短文档就足够了。</translation>
    </message>
    <message>
        <location filename="../app/gui/calibration_page.cpp" line="52"/>
        <source>Bundled corpus (biblical English derived from the public-domain World English Bible)</source>
        <translation>内置语料（源自公有领域《世界英文圣经》的圣经体英文）</translation>
    </message>
    <message>
        <location filename="../app/gui/calibration_page.cpp" line="53"/>
        <source>Text from files:</source>
        <translation>来自文件的文本：</translation>
    </message>
    <message>
        <location filename="../app/gui/calibration_page.cpp" line="61"/>
        <source>.txt (blank-line separated), .jsonl (&quot;text&quot; field) or a folder of .txt</source>
        <translation>.txt（空行分隔）、.jsonl（&quot;text&quot; 字段）或 .txt 文件夹</translation>
    </message>
    <message>
        <location filename="../app/gui/calibration_page.cpp" line="63"/>
        <source>Browse…</source>
        <translation>浏览…</translation>
    </message>
    <message>
        <location filename="../app/gui/calibration_page.cpp" line="65"/>
        <source>File…</source>
        <translation>文件…</translation>
    </message>
    <message>
        <location filename="../app/gui/calibration_page.cpp" line="66"/>
        <source>Calibration file</source>
        <translation>校准文件</translation>
    </message>
    <message>
        <location filename="../app/gui/calibration_page.cpp" line="66"/>
        <source>Text (*.txt *.jsonl)</source>
        <translation>文本 (*.txt *.jsonl)</translation>
    </message>
    <message>
        <location filename="../app/gui/calibration_page.cpp" line="69"/>
        <source>Folder…</source>
        <translation>文件夹…</translation>
    </message>
    <message>
        <location filename="../app/gui/calibration_page.cpp" line="70"/>
        <source>Folder of .txt files</source>
        <translation>.txt 文件夹</translation>
    </message>
    <message>
        <location filename="../app/gui/calibration_page.cpp" line="80"/>
        <source>Documents taken from the corpus (AutoAWQ: 128)</source>
        <translation>从语料中取用的文档数（AutoAWQ：128）</translation>
    </message>
    <message>
        <location filename="../app/gui/calibration_page.cpp" line="83"/>
        <source>Tokens per calibration block (AutoAWQ: 512)</source>
        <translation>每个校准块的词元数（AutoAWQ：512）</translation>
    </message>
    <message>
        <location filename="../app/gui/calibration_page.cpp" line="84"/>
        <source>Samples</source>
        <translation>样本数</translation>
    </message>
    <message>
        <location filename="../app/gui/calibration_page.cpp" line="85"/>
        <source>Block length (tokens)</source>
        <translation>块长度（词元）</translation>
    </message>
    <message>
        <location filename="../app/gui/calibration_page.cpp" line="88"/>
        <source>Preview</source>
        <translation>预览</translation>
    </message>
    <message>
        <location filename="../app/gui/calibration_page.cpp" line="101"/>
        <source>The first document appears here.</source>
        <translation>第一篇文档将显示在这里。</translation>
    </message>
    <message>
        <location filename="../app/gui/calibration_page.cpp" line="134"/>
        <source>Reading and tokenizing …</source>
        <translation>正在读取并分词 …</translation>
    </message>
    <message>
        <location filename="../app/gui/calibration_page.cpp" line="147"/>
        <source>%1 documents read, %2 used, %3 skipped as longer than a block; %4 tokens → %5 blocks of %6 tokens.</source>
        <translation>读取 %1 篇文档，使用 %2 篇，跳过 %3 篇（长于一个块）；%4 个词元 → %5 个块，每块 %6 个词元。</translation>
    </message>
    <message>
        <location filename="../app/gui/calibration_page.cpp" line="153"/>
        <source>Only %1 of the %2 samples asked for can be taken (%3 documents are longer than a block); they make %4 blocks.</source>
        <translation>请求的 %2 个样本中只能取到 %1 个（%3 篇文档长于一个块）；它们构成 %4 个块。</translation>
    </message>
</context>
<context>
    <name>awq::gui::ChatPage</name>
    <message>
        <location filename="../app/gui/chat_page.cpp" line="27"/>
        <source>Original</source>
        <translation>原始模型</translation>
    </message>
    <message>
        <location filename="../app/gui/chat_page.cpp" line="29"/>
        <source>AWQ (INT4)</source>
        <translation>AWQ（INT4）</translation>
    </message>
    <message>
        <location filename="../app/gui/chat_page.cpp" line="43"/>
        <source>0 = greedy</source>
        <translation>0 = 贪心解码</translation>
    </message>
    <message>
        <location filename="../app/gui/chat_page.cpp" line="51"/>
        <source>Both sides sample with the same seed</source>
        <translation>两侧使用相同的随机种子采样</translation>
    </message>
    <message>
        <location filename="../app/gui/chat_page.cpp" line="52"/>
        <source>Temperature</source>
        <translation>温度</translation>
    </message>
    <message>
        <location filename="../app/gui/chat_page.cpp" line="54"/>
        <source>Top-p</source>
        <translation>Top-p</translation>
    </message>
    <message>
        <location filename="../app/gui/chat_page.cpp" line="56"/>
        <source>Max tokens</source>
        <translation>最大词元数</translation>
    </message>
    <message>
        <location filename="../app/gui/chat_page.cpp" line="58"/>
        <source>Seed</source>
        <translation>随机种子</translation>
    </message>
    <message>
        <location filename="../app/gui/chat_page.cpp" line="70"/>
        <source>Compare tokens</source>
        <translation>比较词元</translation>
    </message>
    <message>
        <location filename="../app/gui/chat_page.cpp" line="72"/>
        <source>The original answers each message, then the INT4 model is run on the same tokens: KL divergence and top-1 agreement per token</source>
        <translation>原始模型回答每条消息，然后在相同词元上运行 INT4 模型：逐词元的 KL 散度和 top-1 一致性</translation>
    </message>
    <message>
        <location filename="../app/gui/chat_page.cpp" line="76"/>
        <source>New conversation</source>
        <translation>新对话</translation>
    </message>
    <message>
        <location filename="../app/gui/chat_page.cpp" line="83"/>
        <source>Message both models …</source>
        <translation>向两个模型发送消息 …</translation>
    </message>
    <message>
        <location filename="../app/gui/chat_page.cpp" line="84"/>
        <source>Send</source>
        <translation>发送</translation>
    </message>
    <message>
        <location filename="../app/gui/chat_page.cpp" line="86"/>
        <source>Stop</source>
        <translation>停止</translation>
    </message>
    <message>
        <location filename="../app/gui/chat_page.cpp" line="114"/>
        <source>this session&apos;s AWQ result</source>
        <translation>本次会话的 AWQ 结果</translation>
    </message>
    <message>
        <location filename="../app/gui/chat_page.cpp" line="158"/>
        <location filename="../app/gui/chat_page.cpp" line="163"/>
        <source>Open model folder</source>
        <translation>打开模型文件夹</translation>
    </message>
    <message>
        <location filename="../app/gui/chat_page.cpp" line="62"/>
        <source>Auto</source>
        <translation>自动</translation>
    </message>
    <message>
        <location filename="../app/gui/chat_page.cpp" line="63"/>
        <source>CPU</source>
        <translation>CPU</translation>
    </message>
    <message>
        <location filename="../app/gui/chat_page.cpp" line="64"/>
        <source>GPU</source>
        <translation>GPU</translation>
    </message>
    <message>
        <location filename="../app/gui/chat_page.cpp" line="65"/>
        <source>Auto: the NVIDIA GPU when the CUDA plugin finds one, else the CPU</source>
        <translation>自动：CUDA 插件找到 NVIDIA GPU 时使用 GPU，否则使用 CPU</translation>
    </message>
    <message>
        <location filename="../app/gui/chat_page.cpp" line="68"/>
        <source>Device</source>
        <translation>设备</translation>
    </message>
</context>
<context>
    <name>awq::gui::ChatPane</name>
    <message>
        <location filename="../app/gui/chat_pane.cpp" line="31"/>
        <source>Load folder…</source>
        <translation>加载文件夹…</translation>
    </message>
    <message>
        <location filename="../app/gui/chat_pane.cpp" line="34"/>
        <location filename="../app/gui/chat_pane.cpp" line="62"/>
        <source>No model.</source>
        <translation>无模型。</translation>
    </message>
    <message>
        <location filename="../app/gui/chat_pane.cpp" line="92"/>
        <source>%1
engine %2 · weights %3 · chat template: %4</source>
        <translation>%1
引擎 %2 · 权重 %3 · 对话模板：%4</translation>
    </message>
    <message>
        <location filename="../app/gui/chat_pane.cpp" line="108"/>
        <source>%1 tokens · %2 tokens/s · first token after %3 ms%4</source>
        <translation>%1 个词元 · %2 词元/秒 · 首个词元用时 %3 毫秒%4</translation>
    </message>
    <message>
        <location filename="../app/gui/chat_pane.cpp" line="110"/>
        <source> · stopped</source>
        <translation> · 已停止</translation>
    </message>
    <message>
        <location filename="../app/gui/chat_pane.cpp" line="127"/>
        <source>generating …</source>
        <translation>正在生成 …</translation>
    </message>
    <message>
        <location filename="../app/gui/chat_pane.cpp" line="152"/>
        <source>You</source>
        <translation>你</translation>
    </message>
    <message>
        <location filename="../app/gui/chat_pane.cpp" line="152"/>
        <location filename="../app/gui/chat_pane.cpp" line="154"/>
        <source>Model</source>
        <translation>模型</translation>
    </message>
    <message>
        <location filename="../app/gui/chat_pane.cpp" line="95"/>
        <source>Device: CPU</source>
        <translation>设备：CPU</translation>
    </message>
    <message>
        <location filename="../app/gui/chat_pane.cpp" line="27"/>
        <source>Show prompt</source>
        <translation>显示提示词</translation>
    </message>
    <message>
        <location filename="../app/gui/chat_pane.cpp" line="28"/>
        <source>The exact text and token ids this model is fed, rendered by its chat template</source>
        <translation>此模型实际接收的文本和词元 ID（由其聊天模板生成）</translation>
    </message>
    <message>
        <location filename="../app/gui/chat_pane.cpp" line="95"/>
        <source>Device: looking for the GPU …</source>
        <translation>设备：正在查找 GPU …</translation>
    </message>
    <message>
        <location filename="../app/gui/chat_pane.cpp" line="97"/>
        <source>Device: %1</source>
        <translation>设备：%1</translation>
    </message>
    <message>
        <location filename="../app/gui/chat_pane.cpp" line="74"/>
        <source> — %1 % of weights INT4, rest %2</source>
        <translation> — %1 % 的权重为 INT4，其余为 %2</translation>
    </message>
</context>
<context>
    <name>awq::gui::ChatWorker</name>
    <message>
        <location filename="../app/gui/chat_worker.cpp" line="42"/>
        <source>CPU</source>
        <translation>CPU</translation>
    </message>
    <message>
        <location filename="../app/gui/chat_worker.cpp" line="35"/>
        <source>GPU: %1 · %2, %3 on the GPU</source>
        <translation>GPU：%1 · %2，GPU 上占用 %3</translation>
    </message>
    <message>
        <location filename="../app/gui/chat_worker.cpp" line="49"/>
        <source>CPU: the GPU was asked for but cannot be used: %1</source>
        <translation>CPU：已选择 GPU，但无法使用：%1</translation>
    </message>
    <message>
        <location filename="../app/gui/chat_worker.cpp" line="50"/>
        <source>CPU (not on the GPU: %1)</source>
        <translation>CPU（未使用 GPU：%1）</translation>
    </message>
</context>
<context>
    <name>awq::gui::CoreMessageText</name>
    <message>
        <location filename="../app/gui/core_message_text.cpp" line="12"/>
        <source>capture</source>
        <translation>捕获</translation>
    </message>
    <message>
        <location filename="../app/gui/core_message_text.cpp" line="13"/>
        <source>search qkv</source>
        <translation>搜索 qkv</translation>
    </message>
    <message>
        <location filename="../app/gui/core_message_text.cpp" line="14"/>
        <source>search o</source>
        <translation>搜索 o</translation>
    </message>
    <message>
        <location filename="../app/gui/core_message_text.cpp" line="15"/>
        <source>search gate_up</source>
        <translation>搜索 gate_up</translation>
    </message>
    <message>
        <location filename="../app/gui/core_message_text.cpp" line="16"/>
        <source>search down</source>
        <translation>搜索 down</translation>
    </message>
    <message>
        <location filename="../app/gui/core_message_text.cpp" line="17"/>
        <source>clip</source>
        <translation>截断</translation>
    </message>
    <message>
        <location filename="../app/gui/core_message_text.cpp" line="18"/>
        <source>quantize</source>
        <translation>量化</translation>
    </message>
    <message>
        <location filename="../app/gui/core_message_text.cpp" line="19"/>
        <source>measure</source>
        <translation>测量</translation>
    </message>
    <message>
        <location filename="../app/gui/core_message_text.cpp" line="20"/>
        <source>sensitivity</source>
        <translation>敏感度</translation>
    </message>
    <message>
        <location filename="../app/gui/core_message_text.cpp" line="21"/>
        <source>load, calibration and export</source>
        <translation>加载、校准和导出</translation>
    </message>
    <message>
        <location filename="../app/gui/core_message_text.cpp" line="22"/>
        <source>model weights (memory-mapped)</source>
        <translation>模型权重（内存映射）</translation>
    </message>
    <message>
        <location filename="../app/gui/core_message_text.cpp" line="23"/>
        <source>program, tokenizer and calibration</source>
        <translation>程序、分词器和校准</translation>
    </message>
    <message>
        <location filename="../app/gui/core_message_text.cpp" line="24"/>
        <source>quantized layers kept for the export</source>
        <translation>为导出保留的量化层</translation>
    </message>
    <message>
        <location filename="../app/gui/core_message_text.cpp" line="25"/>
        <source>calibration activations</source>
        <translation>校准激活</translation>
    </message>
    <message>
        <location filename="../app/gui/core_message_text.cpp" line="26"/>
        <source>layer weights in float32 (4 copies)</source>
        <translation>float32 层权重（4 份）</translation>
    </message>
    <message>
        <location filename="../app/gui/core_message_text.cpp" line="27"/>
        <source>capture&apos;s q/k/v</source>
        <translation>捕获的 q/k/v</translation>
    </message>
    <message>
        <location filename="../app/gui/core_message_text.cpp" line="28"/>
        <source>error measurement&apos;s layer forward</source>
        <translation>误差测量的层前向</translation>
    </message>
    <message>
        <location filename="../app/gui/core_message_text.cpp" line="29"/>
        <source>error feedback&apos;s Gram matrix and its inverse</source>
        <translation>误差反馈的 Gram 矩阵及其逆</translation>
    </message>
    <message>
        <location filename="../app/gui/core_message_text.cpp" line="30"/>
        <source>layer weights in float32 (2 copies)</source>
        <translation>float32 层权重（2 份）</translation>
    </message>
    <message>
        <location filename="../app/gui/core_message_text.cpp" line="31"/>
        <source>checkpoint assembled for writing</source>
        <translation>为写入组装的检查点</translation>
    </message>
    <message>
        <location filename="../app/gui/core_message_text.cpp" line="32"/>
        <source>attention scores</source>
        <translation>注意力分数</translation>
    </message>
    <message>
        <location filename="../app/gui/core_message_text.cpp" line="33"/>
        <source>layer weights in float32 (3 sets)</source>
        <translation>float32 层权重（3 组）</translation>
    </message>
    <message>
        <location filename="../app/gui/core_message_text.cpp" line="34"/>
        <source>Gram matrix and the group maxima</source>
        <translation>Gram 矩阵和分组最大值</translation>
    </message>
    <message>
        <location filename="../app/gui/core_message_text.cpp" line="35"/>
        <source>clip search scratch</source>
        <translation>截断搜索暂存区</translation>
    </message>
    <message>
        <location filename="../app/gui/core_message_text.cpp" line="36"/>
        <source>CUDA context and cuBLAS workspace</source>
        <translation>CUDA 上下文和 cuBLAS 工作区</translation>
    </message>
    <message>
        <location filename="../app/gui/core_message_text.cpp" line="46"/>
        <source>this build has no CUDA support</source>
        <translation>此构建不支持 CUDA</translation>
    </message>
    <message>
        <location filename="../app/gui/core_message_text.cpp" line="48"/>
        <source>the CUDA plugin is not installed (looked for %1; install the awq-studio-cuda package)</source>
        <translation>未安装 CUDA 插件（查找位置：%1；请安装 awq-studio-cuda 软件包）</translation>
    </message>
    <message>
        <location filename="../app/gui/core_message_text.cpp" line="53"/>
        <source>the CUDA plugin %1 failed to load (%2)</source>
        <translation>CUDA 插件 %1 加载失败（%2）</translation>
    </message>
    <message>
        <location filename="../app/gui/core_message_text.cpp" line="56"/>
        <source>%1 is not an AWQ Studio CUDA plugin</source>
        <translation>%1 不是 AWQ Studio 的 CUDA 插件</translation>
    </message>
    <message>
        <location filename="../app/gui/core_message_text.cpp" line="60"/>
        <source>the CUDA plugin %1 comes from another build of AWQ Studio (install the plugin of the same version)</source>
        <translation>CUDA 插件 %1 来自 AWQ Studio 的另一个构建（请安装同一版本的插件）</translation>
    </message>
    <message>
        <location filename="../app/gui/core_message_text.cpp" line="65"/>
        <source>no CUDA device: the NVIDIA driver is not installed (%1 not found)</source>
        <translation>没有 CUDA 设备：未安装 NVIDIA 驱动（未找到 %1）</translation>
    </message>
    <message>
        <location filename="../app/gui/core_message_text.cpp" line="69"/>
        <source>no usable CUDA device (%1)</source>
        <translation>没有可用的 CUDA 设备（%1）</translation>
    </message>
    <message>
        <location filename="../app/gui/core_message_text.cpp" line="71"/>
        <source>the CUDA plugin could not be probed (%1)</source>
        <translation>无法探测 CUDA 插件（%1）</translation>
    </message>
    <message>
        <location filename="../app/gui/core_message_text.cpp" line="84"/>
        <source>not quantized: its input width is not a multiple of the group size</source>
        <translation>未量化：其输入宽度不是分组大小的整数倍</translation>
    </message>
    <message>
        <location filename="../app/gui/core_message_text.cpp" line="87"/>
        <source>grouped-query attention: v_proj&apos;s outputs do not line up with o_proj&apos;s inputs, so no op can absorb the scales</source>
        <translation>分组查询注意力：v_proj 的输出与 o_proj 的输入不对应，因此没有算子能吸收这些缩放</translation>
    </message>
    <message>
        <location filename="../app/gui/core_message_text.cpp" line="96"/>
        <source>Jinja template (%1 characters)</source>
        <translation>Jinja 模板（%1 个字符）</translation>
    </message>
    <message>
        <location filename="../app/gui/core_message_text.cpp" line="98"/>
        <source>plain text: %1</source>
        <translation>纯文本：%1</translation>
    </message>
    <message>
        <location filename="../app/gui/core_message_text.cpp" line="107"/>
        <source>%1 (%2 tokens)</source>
        <translation>%1（%2 个词元）</translation>
    </message>
</context>
<context>
    <name>awq::gui::GroupFitText</name>
    <message>
        <location filename="../app/gui/group_fit_text.cpp" line="15"/>
        <source>%1 (%2 not a multiple of %3)</source>
        <translation>%1（%2 不是 %3 的倍数）</translation>
    </message>
    <message>
        <location filename="../app/gui/group_fit_text.cpp" line="20"/>
        <source>Group size %1 leaves %2 of %3 linears (%4 % of the decoder&apos;s weights) unquantized: %5.</source>
        <translation>分组大小 %1 使 %3 个线性层中的 %2 个（解码器权重的 %4 %）未被量化：%5。</translation>
    </message>
</context>
<context>
    <name>awq::gui::InspectPage</name>
    <message>
        <location filename="../app/gui/inspect_page.cpp" line="27"/>
        <source>Inspect</source>
        <translation>分析</translation>
    </message>
    <message>
        <location filename="../app/gui/inspect_page.cpp" line="30"/>
        <source>No report yet: quantize a model or open a report (File → Open report).</source>
        <translation>尚无报告：请量化一个模型或打开报告（文件 → 打开报告）。</translation>
    </message>
    <message>
        <location filename="../app/gui/inspect_page.cpp" line="38"/>
        <source>q/k/v input (after input_layernorm)</source>
        <translation>q/k/v 输入（input_layernorm 之后）</translation>
    </message>
    <message>
        <location filename="../app/gui/inspect_page.cpp" line="39"/>
        <source>o_proj input (attention output)</source>
        <translation>o_proj 输入（注意力输出）</translation>
    </message>
    <message>
        <location filename="../app/gui/inspect_page.cpp" line="40"/>
        <source>gate/up input (after post_attention_layernorm)</source>
        <translation>gate/up 输入（post_attention_layernorm 之后）</translation>
    </message>
    <message>
        <location filename="../app/gui/inspect_page.cpp" line="41"/>
        <source>down_proj input (MLP hidden)</source>
        <translation>down_proj 输入（MLP 隐藏层）</translation>
    </message>
    <message>
        <location filename="../app/gui/inspect_page.cpp" line="43"/>
        <source>All layers (heatmap)</source>
        <translation>所有层（热图）</translation>
    </message>
    <message>
        <location filename="../app/gui/inspect_page.cpp" line="44"/>
        <source>One layer</source>
        <translation>单层</translation>
    </message>
    <message>
        <location filename="../app/gui/inspect_page.cpp" line="46"/>
        <source>layer </source>
        <translation>层 </translation>
    </message>
    <message>
        <location filename="../app/gui/inspect_page.cpp" line="47"/>
        <source>Linear group</source>
        <translation>线性层组</translation>
    </message>
    <message>
        <location filename="../app/gui/inspect_page.cpp" line="52"/>
        <source>Export heatmap…</source>
        <translation>导出热图…</translation>
    </message>
    <message>
        <location filename="../app/gui/inspect_page.cpp" line="53"/>
        <source>Export plot…</source>
        <translation>导出图表…</translation>
    </message>
    <message>
        <location filename="../app/gui/inspect_page.cpp" line="65"/>
        <source>Scale search</source>
        <translation>缩放搜索</translation>
    </message>
    <message>
        <location filename="../app/gui/inspect_page.cpp" line="66"/>
        <source>Mixed precision</source>
        <translation>混合精度</translation>
    </message>
    <message>
        <location filename="../app/gui/inspect_page.cpp" line="117"/>
        <source>%1 of %2 · %3-bit, group %4 · calibration %5 blocks × %6 tokens · %7 s</source>
        <translation>%2 的 %1 · %3 位，分组 %4 · 校准 %5 块 × %6 词元 · %7 秒</translation>
    </message>
    <message>
        <location filename="../app/gui/inspect_page.cpp" line="124"/>
        <source> · α grid&apos;s attention and MLP losses on the first %1 blocks</source>
        <translation> · α 网格的注意力和 MLP 损失仅基于前 %1 个块</translation>
    </message>
    <message>
        <location filename="../app/gui/inspect_page.cpp" line="149"/>
        <location filename="../app/gui/inspect_page.cpp" line="151"/>
        <source>Export plot</source>
        <translation>导出图表</translation>
    </message>
    <message>
        <location filename="../app/gui/inspect_page.cpp" line="149"/>
        <source>PNG image (*.png);;PDF document (*.pdf)</source>
        <translation>PNG 图像 (*.png);;PDF 文档 (*.pdf)</translation>
    </message>
    <message>
        <location filename="../app/gui/inspect_page.cpp" line="151"/>
        <source>Could not write %1.</source>
        <translation>无法写入 %1。</translation>
    </message>
</context>
<context>
    <name>awq::gui::LayerTableModel</name>
    <message>
        <location filename="../app/gui/layer_table_model.cpp" line="67"/>
        <source>RTN · error feedback</source>
        <translation>RTN · 误差反馈</translation>
    </message>
    <message>
        <location filename="../app/gui/layer_table_model.cpp" line="67"/>
        <source>RTN</source>
        <translation>RTN</translation>
    </message>
    <message>
        <location filename="../app/gui/layer_table_model.cpp" line="68"/>
        <source>RTN (fallback)</source>
        <translation>RTN（回退）</translation>
    </message>
    <message>
        <location filename="../app/gui/layer_table_model.cpp" line="69"/>
        <source>AWQ</source>
        <translation>AWQ</translation>
    </message>
    <message>
        <location filename="../app/gui/layer_table_model.cpp" line="70"/>
        <source> · weighted ranges</source>
        <translation> · 加权范围</translation>
    </message>
    <message>
        <location filename="../app/gui/layer_table_model.cpp" line="70"/>
        <source> · clip</source>
        <translation> · 裁剪</translation>
    </message>
    <message>
        <location filename="../app/gui/layer_table_model.cpp" line="71"/>
        <source> · error feedback</source>
        <translation> · 误差反馈</translation>
    </message>
    <message>
        <location filename="../app/gui/layer_table_model.cpp" line="75"/>
        <source> · float: %1</source>
        <translation> · 浮点：%1</translation>
    </message>
    <message>
        <location filename="../app/gui/layer_table_model.cpp" line="83"/>
        <source>The searched weights gave a layer error of %1, above round-to-nearest&apos;s %2: the layer keeps the round-to-nearest weights.</source>
        <translation>搜索得到的权重使该层误差为 %1，高于最近舍入的 %2：该层保留最近舍入的权重。</translation>
    </message>
    <message>
        <location filename="../app/gui/layer_table_model.cpp" line="89"/>
        <source>%1: %2</source>
        <translation>%1：%2</translation>
    </message>
    <message>
        <location filename="../app/gui/layer_table_model.cpp" line="90"/>
        <source>%1: s = 1 (no scaling beat every α)</source>
        <translation>%1：s = 1（不缩放优于所有 α）</translation>
    </message>
    <message>
        <location filename="../app/gui/layer_table_model.cpp" line="91"/>
        <source>%1: α = %2</source>
        <translation>%1：α = %2</translation>
    </message>
    <message>
        <location filename="../app/gui/layer_table_model.cpp" line="96"/>
        <source>%1: weighted ranges, mean max factor %2, mean min factor %3</source>
        <translation>%1：加权范围，最大值平均因子 %2，最小值平均因子 %3</translation>
    </message>
    <message>
        <location filename="../app/gui/layer_table_model.cpp" line="100"/>
        <source>%1: clip, mean factor %2</source>
        <translation>%1：裁剪，平均因子 %2</translation>
    </message>
    <message>
        <location filename="../app/gui/layer_table_model.cpp" line="105"/>
        <source>%1 kept in floating point (it removes %2 % of the layer&apos;s error)</source>
        <translation>%1 保持浮点（消除该层 %2 % 的误差）</translation>
    </message>
    <message>
        <location filename="../app/gui/layer_table_model.cpp" line="106"/>
        <source>%1 in floating point would remove %2 % of the layer&apos;s error</source>
        <translation>%1 保持浮点可消除该层 %2 % 的误差</translation>
    </message>
    <message>
        <location filename="../app/gui/layer_table_model.cpp" line="136"/>
        <source>s = 1</source>
        <translation>s = 1</translation>
    </message>
    <message>
        <location filename="../app/gui/layer_table_model.cpp" line="136"/>
        <source>No scaling: s = 1 gave a smaller loss than every α</source>
        <translation>不缩放：s = 1 的损失小于所有 α</translation>
    </message>
    <message>
        <location filename="../app/gui/layer_table_model.cpp" line="139"/>
        <source>—</source>
        <translation>—</translation>
    </message>
    <message>
        <location filename="../app/gui/layer_table_model.cpp" line="157"/>
        <source>Mean clip factor of the clipped linears (1 = no clipping)</source>
        <translation>被裁剪线性层的平均裁剪系数（1 = 不裁剪）</translation>
    </message>
    <message>
        <location filename="../app/gui/layer_table_model.cpp" line="158"/>
        <source>Share of weight groups whose range was clipped</source>
        <translation>范围被裁剪的权重组比例</translation>
    </message>
    <message>
        <location filename="../app/gui/layer_table_model.cpp" line="159"/>
        <source>Layer output MSE with round-to-nearest weights</source>
        <translation>使用就近取整权重时的层输出 MSE</translation>
    </message>
    <message>
        <location filename="../app/gui/layer_table_model.cpp" line="160"/>
        <source>Layer output MSE with this run&apos;s weights</source>
        <translation>使用本次运行权重时的层输出 MSE</translation>
    </message>
    <message>
        <location filename="../app/gui/layer_table_model.cpp" line="161"/>
        <source>AWQ error / RTN error (below 1 = AWQ helps)</source>
        <translation>AWQ 误差 / RTN 误差（小于 1 表示 AWQ 有效）</translation>
    </message>
    <message>
        <location filename="../app/gui/layer_table_model.cpp" line="162"/>
        <source>Where the layer&apos;s weights came from (hover a cell for each group&apos;s choice)</source>
        <translation>该层权重的来源（悬停单元格可查看每组的选择）</translation>
    </message>
    <message>
        <location filename="../app/gui/layer_table_model.cpp" line="168"/>
        <source>Layer</source>
        <translation>层</translation>
    </message>
    <message>
        <location filename="../app/gui/layer_table_model.cpp" line="169"/>
        <source>α qkv</source>
        <translation>α qkv</translation>
    </message>
    <message>
        <location filename="../app/gui/layer_table_model.cpp" line="170"/>
        <source>α o</source>
        <translation>α o</translation>
    </message>
    <message>
        <location filename="../app/gui/layer_table_model.cpp" line="171"/>
        <source>α gate/up</source>
        <translation>α gate/up</translation>
    </message>
    <message>
        <location filename="../app/gui/layer_table_model.cpp" line="172"/>
        <source>α down</source>
        <translation>α down</translation>
    </message>
    <message>
        <location filename="../app/gui/layer_table_model.cpp" line="173"/>
        <source>Clip factor</source>
        <translation>裁剪系数</translation>
    </message>
    <message>
        <location filename="../app/gui/layer_table_model.cpp" line="174"/>
        <source>Clipped</source>
        <translation>已裁剪</translation>
    </message>
    <message>
        <location filename="../app/gui/layer_table_model.cpp" line="175"/>
        <source>RTN error</source>
        <translation>RTN 误差</translation>
    </message>
    <message>
        <location filename="../app/gui/layer_table_model.cpp" line="176"/>
        <source>AWQ error</source>
        <translation>AWQ 误差</translation>
    </message>
    <message>
        <location filename="../app/gui/layer_table_model.cpp" line="177"/>
        <source>AWQ / RTN</source>
        <translation>AWQ / RTN</translation>
    </message>
    <message>
        <location filename="../app/gui/layer_table_model.cpp" line="178"/>
        <source>Time (s)</source>
        <translation>时间（秒）</translation>
    </message>
    <message>
        <location filename="../app/gui/layer_table_model.cpp" line="179"/>
        <source>Method</source>
        <translation>方法</translation>
    </message>
    <message>
        <location filename="../app/gui/layer_table_model.cpp" line="121"/>
        <source>not quantized (%1 not a multiple of %2)</source>
        <translation>未量化（%1 不是 %2 的倍数）</translation>
    </message>
</context>
<context>
    <name>awq::gui::LossCurvePlot</name>
    <message>
        <location filename="../app/gui/loss_curve_plot.cpp" line="18"/>
        <source>loss</source>
        <translation>损失</translation>
    </message>
    <message>
        <location filename="../app/gui/loss_curve_plot.cpp" line="22"/>
        <source>α = 0 (no scaling, as RTN)</source>
        <translation>α = 0（不缩放，等同 RTN）</translation>
    </message>
    <message>
        <location filename="../app/gui/loss_curve_plot.cpp" line="26"/>
        <source>best α</source>
        <translation>最佳 α</translation>
    </message>
    <message>
        <location filename="../app/gui/loss_curve_plot.cpp" line="29"/>
        <source>α (scale exponent)</source>
        <translation>α（缩放指数）</translation>
    </message>
    <message>
        <location filename="../app/gui/loss_curve_plot.cpp" line="30"/>
        <source>output MSE</source>
        <translation>输出 MSE</translation>
    </message>
    <message>
        <location filename="../app/gui/loss_curve_plot.cpp" line="38"/>
        <source>layer %1 · %2</source>
        <translation>第 %1 层 · %2</translation>
    </message>
    <message>
        <location filename="../app/gui/loss_curve_plot.cpp" line="39"/>
        <source>skipped: %1</source>
        <translation>已跳过：%1</translation>
    </message>
    <message>
        <location filename="../app/gui/loss_curve_plot.cpp" line="40"/>
        <source>best α = %1</source>
        <translation>最佳 α = %1</translation>
    </message>
</context>
<context>
    <name>awq::gui::MainWindow</name>
    <message>
        <location filename="../app/gui/main_window.cpp" line="24"/>
        <source>AWQ Studio</source>
        <translation>AWQ Studio</translation>
    </message>
    <message>
        <location filename="../app/gui/main_window.cpp" line="34"/>
        <source>1  Model</source>
        <translation>1  模型</translation>
    </message>
    <message>
        <location filename="../app/gui/main_window.cpp" line="34"/>
        <source>Choose the model to quantize.</source>
        <translation>选择要量化的模型。</translation>
    </message>
    <message>
        <location filename="../app/gui/main_window.cpp" line="35"/>
        <source>2  Calibration</source>
        <translation>2  校准</translation>
    </message>
    <message>
        <location filename="../app/gui/main_window.cpp" line="35"/>
        <source>Needs a model (its tokenizer cuts the text into blocks).</source>
        <translation>需要一个模型（用它的分词器把文本切成块）。</translation>
    </message>
    <message>
        <location filename="../app/gui/main_window.cpp" line="36"/>
        <source>3  Settings</source>
        <translation>3  设置</translation>
    </message>
    <message>
        <location filename="../app/gui/main_window.cpp" line="36"/>
        <source>Needs a model.</source>
        <translation>需要一个模型。</translation>
    </message>
    <message>
        <location filename="../app/gui/main_window.cpp" line="37"/>
        <source>4  Quantize</source>
        <translation>4  量化</translation>
    </message>
    <message>
        <location filename="../app/gui/main_window.cpp" line="37"/>
        <source>Needs a model; calibration and settings have defaults.</source>
        <translation>需要一个模型；校准和设置都有默认值。</translation>
    </message>
    <message>
        <location filename="../app/gui/main_window.cpp" line="38"/>
        <source>5  Inspect</source>
        <translation>5  分析</translation>
    </message>
    <message>
        <location filename="../app/gui/main_window.cpp" line="38"/>
        <source>Needs a quantization result or a report (File → Open report).</source>
        <translation>需要量化结果或报告（文件 → 打开报告）。</translation>
    </message>
    <message>
        <location filename="../app/gui/main_window.cpp" line="39"/>
        <source>6  Chat</source>
        <translation>6  对话</translation>
    </message>
    <message>
        <location filename="../app/gui/main_window.cpp" line="39"/>
        <source>Needs a model; the AWQ side needs a result or an AWQ folder.</source>
        <translation>需要一个模型；AWQ 一侧需要量化结果或 AWQ 文件夹。</translation>
    </message>
    <message>
        <location filename="../app/gui/main_window.cpp" line="59"/>
        <source>Ready</source>
        <translation>就绪</translation>
    </message>
    <message>
        <location filename="../app/gui/main_window.cpp" line="64"/>
        <source>Model: %1</source>
        <translation>模型：%1</translation>
    </message>
    <message>
        <location filename="../app/gui/main_window.cpp" line="65"/>
        <source>Quantization finished</source>
        <translation>量化完成</translation>
    </message>
    <message>
        <location filename="../app/gui/main_window.cpp" line="72"/>
        <source>&amp;File</source>
        <translation>文件(&amp;F)</translation>
    </message>
    <message>
        <location filename="../app/gui/main_window.cpp" line="73"/>
        <source>Open &amp;model folder…</source>
        <translation>打开模型文件夹(&amp;M)…</translation>
    </message>
    <message>
        <location filename="../app/gui/main_window.cpp" line="74"/>
        <source>Open model folder</source>
        <translation>打开模型文件夹</translation>
    </message>
    <message>
        <location filename="../app/gui/main_window.cpp" line="77"/>
        <source>Open &amp;report…</source>
        <translation>打开报告(&amp;R)…</translation>
    </message>
    <message>
        <location filename="../app/gui/main_window.cpp" line="77"/>
        <source>Ctrl+R</source>
        <translation>Ctrl+R</translation>
    </message>
    <message>
        <location filename="../app/gui/main_window.cpp" line="78"/>
        <location filename="../app/gui/main_window.cpp" line="124"/>
        <source>Open report</source>
        <translation>打开报告</translation>
    </message>
    <message>
        <location filename="../app/gui/main_window.cpp" line="78"/>
        <source>AWQ report (*.json)</source>
        <translation>AWQ 报告 (*.json)</translation>
    </message>
    <message>
        <location filename="../app/gui/main_window.cpp" line="82"/>
        <source>&amp;Preferences…</source>
        <translation>首选项(&amp;P)…</translation>
    </message>
    <message>
        <location filename="../app/gui/main_window.cpp" line="84"/>
        <source>&amp;Quit</source>
        <translation>退出(&amp;Q)</translation>
    </message>
    <message>
        <location filename="../app/gui/main_window.cpp" line="85"/>
        <source>&amp;Help</source>
        <translation>帮助(&amp;H)</translation>
    </message>
    <message>
        <location filename="../app/gui/main_window.cpp" line="86"/>
        <source>&amp;About AWQ Studio</source>
        <translation>关于 AWQ Studio(&amp;A)</translation>
    </message>
    <message>
        <location filename="../app/gui/main_window.cpp" line="87"/>
        <source>About AWQ Studio</source>
        <translation>关于 AWQ Studio</translation>
    </message>
    <message>
        <location filename="../app/gui/main_window.cpp" line="88"/>
        <source>&lt;b&gt;AWQ Studio %1&lt;/b&gt;&lt;br&gt;Activation-aware 4-bit weight quantization (Lin et al., MLSys 2024) for Llama-family models.</source>
        <translation>&lt;b&gt;AWQ Studio %1&lt;/b&gt;&lt;br&gt;面向 Llama 系列模型的激活感知 4 位权重量化（Lin 等，MLSys 2024）。</translation>
    </message>
    <message>
        <location filename="../app/gui/main_window.cpp" line="121"/>
        <source>Report: %1</source>
        <translation>报告：%1</translation>
    </message>
</context>
<context>
    <name>awq::gui::ModelPage</name>
    <message>
        <location filename="../app/gui/model_page.cpp" line="39"/>
        <source>Models</source>
        <translation>模型</translation>
    </message>
    <message>
        <location filename="../app/gui/model_page.cpp" line="45"/>
        <source>Open folder…</source>
        <translation>打开文件夹…</translation>
    </message>
    <message>
        <location filename="../app/gui/model_page.cpp" line="51"/>
        <source>Selected model</source>
        <translation>已选模型</translation>
    </message>
    <message>
        <location filename="../app/gui/model_page.cpp" line="54"/>
        <location filename="../app/gui/model_page.cpp" line="114"/>
        <source>No model selected.</source>
        <translation>未选择模型。</translation>
    </message>
    <message>
        <location filename="../app/gui/model_page.cpp" line="86"/>
        <source>tiny-llama-kjv (bundled)</source>
        <translation>tiny-llama-kjv（内置）</translation>
    </message>
    <message>
        <location filename="../app/gui/model_page.cpp" line="86"/>
        <source>bundled with AWQ Studio</source>
        <translation>随 AWQ Studio 提供</translation>
    </message>
    <message>
        <location filename="../app/gui/model_page.cpp" line="87"/>
        <source>recently used</source>
        <translation>最近使用</translation>
    </message>
    <message>
        <location filename="../app/gui/model_page.cpp" line="89"/>
        <source>Hugging Face cache</source>
        <translation>Hugging Face 缓存</translation>
    </message>
    <message>
        <location filename="../app/gui/model_page.cpp" line="93"/>
        <source>Open model folder</source>
        <translation>打开模型文件夹</translation>
    </message>
    <message>
        <location filename="../app/gui/model_page.cpp" line="103"/>
        <source>Loading %1 …</source>
        <translation>正在加载 %1 …</translation>
    </message>
    <message>
        <location filename="../app/gui/model_page.cpp" line="111"/>
        <source>This folder cannot be used:
%1</source>
        <translation>无法使用此文件夹：
%1</translation>
    </message>
    <message>
        <location filename="../app/gui/model_page.cpp" line="113"/>
        <source>Still using %1.</source>
        <translation>仍在使用 %1。</translation>
    </message>
    <message>
        <location filename="../app/gui/model_page.cpp" line="137"/>
        <source>Architecture</source>
        <translation>架构</translation>
    </message>
    <message>
        <location filename="../app/gui/model_page.cpp" line="138"/>
        <source>Layers</source>
        <translation>层数</translation>
    </message>
    <message>
        <location filename="../app/gui/model_page.cpp" line="139"/>
        <source>Hidden size</source>
        <translation>隐藏层维度</translation>
    </message>
    <message>
        <location filename="../app/gui/model_page.cpp" line="140"/>
        <source>Parameters</source>
        <translation>参数量</translation>
    </message>
    <message>
        <location filename="../app/gui/model_page.cpp" line="141"/>
        <source>Data type</source>
        <translation>数据类型</translation>
    </message>
    <message>
        <location filename="../app/gui/model_page.cpp" line="142"/>
        <source>Size on disk</source>
        <translation>磁盘占用</translation>
    </message>
    <message>
        <location filename="../app/gui/model_page.cpp" line="143"/>
        <source>Memory at FP16</source>
        <translation>FP16 内存占用</translation>
    </message>
    <message>
        <location filename="../app/gui/model_page.cpp" line="144"/>
        <source>Memory at INT4 (estimate)</source>
        <translation>INT4 内存占用（估计）</translation>
    </message>
    <message>
        <location filename="../app/gui/model_page.cpp" line="145"/>
        <source>Tokenizer</source>
        <translation>分词器</translation>
    </message>
    <message>
        <location filename="../app/gui/model_page.cpp" line="146"/>
        <source>Chat template</source>
        <translation>对话模板</translation>
    </message>
    <message>
        <location filename="../app/gui/model_page.cpp" line="147"/>
        <source>AWQ-quantized</source>
        <translation>已 AWQ 量化</translation>
    </message>
    <message>
        <location filename="../app/gui/model_page.cpp" line="147"/>
        <source>yes, %1-bit, group size %2</source>
        <translation>是，%1 位，分组大小 %2</translation>
    </message>
    <message>
        <location filename="../app/gui/model_page.cpp" line="148"/>
        <source>no</source>
        <translation>否</translation>
    </message>
    <message>
        <location filename="../app/gui/model_page.cpp" line="149"/>
        <source>Note</source>
        <translation>备注</translation>
    </message>
</context>
<context>
    <name>awq::gui::PreferencesDialog</name>
    <message>
        <location filename="../app/gui/preferences_dialog.cpp" line="15"/>
        <source>Preferences</source>
        <translation>首选项</translation>
    </message>
    <message>
        <location filename="../app/gui/preferences_dialog.cpp" line="18"/>
        <source>System language</source>
        <translation>系统语言</translation>
    </message>
    <message>
        <location filename="../app/gui/preferences_dialog.cpp" line="22"/>
        <source>Follow the system</source>
        <translation>跟随系统</translation>
    </message>
    <message>
        <location filename="../app/gui/preferences_dialog.cpp" line="23"/>
        <source>Light</source>
        <translation>浅色</translation>
    </message>
    <message>
        <location filename="../app/gui/preferences_dialog.cpp" line="24"/>
        <source>Dark</source>
        <translation>深色</translation>
    </message>
    <message>
        <location filename="../app/gui/preferences_dialog.cpp" line="26"/>
        <location filename="../app/gui/preferences_dialog.cpp" line="41"/>
        <source>Language</source>
        <translation>语言</translation>
    </message>
    <message>
        <location filename="../app/gui/preferences_dialog.cpp" line="27"/>
        <source>A new language applies when AWQ Studio starts again.</source>
        <translation>新语言将在 AWQ Studio 下次启动时生效。</translation>
    </message>
    <message>
        <location filename="../app/gui/preferences_dialog.cpp" line="28"/>
        <source>Theme</source>
        <translation>主题</translation>
    </message>
    <message>
        <location filename="../app/gui/preferences_dialog.cpp" line="41"/>
        <source>Restart AWQ Studio to use the new language.</source>
        <translation>重新启动 AWQ Studio 以使用新语言。</translation>
    </message>
</context>
<context>
    <name>awq::gui::PromptDialog</name>
    <message>
        <location filename="../app/gui/prompt_dialog.cpp" line="18"/>
        <source>Prompt fed to the model</source>
        <translation>模型接收的提示词</translation>
    </message>
    <message>
        <location filename="../app/gui/prompt_dialog.cpp" line="30"/>
        <source>Token ids:</source>
        <translation>词元 ID：</translation>
    </message>
    <message>
        <location filename="../app/gui/prompt_dialog.cpp" line="46"/>
        <source>Chat template: %1.</source>
        <translation>聊天模板：%1。</translation>
    </message>
    <message>
        <location filename="../app/gui/prompt_dialog.cpp" line="47"/>
        <source>No usable chat template: %1</source>
        <translation>没有可用的聊天模板：%1</translation>
    </message>
    <message>
        <location filename="../app/gui/prompt_dialog.cpp" line="49"/>
        <source>No message yet: the prompt appears after the first message.</source>
        <translation>尚无消息：发送第一条消息后显示提示词。</translation>
    </message>
    <message numerus="yes">
        <location filename="../app/gui/prompt_dialog.cpp" line="59"/>
        <source>%n token(s).</source>
        <translation>
            <numerusform>%n 个词元。</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../app/gui/prompt_dialog.cpp" line="61"/>
        <source>The template could not render this conversation: %1</source>
        <translation>模板无法生成此对话：%1</translation>
    </message>
</context>
<context>
    <name>awq::gui::QuantizePage</name>
    <message>
        <location filename="../app/gui/quantize_page.cpp" line="29"/>
        <source>Reading calibration data</source>
        <translation>读取校准数据</translation>
    </message>
    <message>
        <location filename="../app/gui/quantize_page.cpp" line="30"/>
        <source>Capturing activations</source>
        <translation>采集激活值</translation>
    </message>
    <message>
        <location filename="../app/gui/quantize_page.cpp" line="31"/>
        <source>Searching scales</source>
        <translation>正在搜索缩放因子</translation>
    </message>
    <message>
        <location filename="../app/gui/quantize_page.cpp" line="32"/>
        <source>Searching clipping</source>
        <translation>正在搜索裁剪</translation>
    </message>
    <message>
        <location filename="../app/gui/quantize_page.cpp" line="33"/>
        <source>Quantizing</source>
        <translation>正在量化</translation>
    </message>
    <message>
        <location filename="../app/gui/quantize_page.cpp" line="34"/>
        <source>Measuring the error</source>
        <translation>测量误差</translation>
    </message>
    <message>
        <location filename="../app/gui/quantize_page.cpp" line="35"/>
        <source>Writing the checkpoint</source>
        <translation>写入检查点</translation>
    </message>
    <message>
        <location filename="../app/gui/quantize_page.cpp" line="36"/>
        <source>Done</source>
        <translation>完成</translation>
    </message>
    <message>
        <location filename="../app/gui/quantize_page.cpp" line="52"/>
        <source>Quantize</source>
        <translation>量化</translation>
    </message>
    <message>
        <location filename="../app/gui/quantize_page.cpp" line="56"/>
        <source>Start quantization</source>
        <translation>开始量化</translation>
    </message>
    <message>
        <location filename="../app/gui/quantize_page.cpp" line="58"/>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <location filename="../app/gui/quantize_page.cpp" line="88"/>
        <source>layer</source>
        <translation>层</translation>
    </message>
    <message>
        <location filename="../app/gui/quantize_page.cpp" line="89"/>
        <source>Not started.</source>
        <translation>尚未开始。</translation>
    </message>
    <message>
        <location filename="../app/gui/quantize_page.cpp" line="95"/>
        <source>Overall</source>
        <translation>总体</translation>
    </message>
    <message>
        <location filename="../app/gui/quantize_page.cpp" line="97"/>
        <source>Layer</source>
        <translation>层</translation>
    </message>
    <message>
        <location filename="../app/gui/quantize_page.cpp" line="158"/>
        <source>Quantizing %1: %2-bit, group size %3, %4 grid points, calibration %5 × %6 tokens</source>
        <translation>正在量化 %1：%2 位，分组大小 %3，%4 个网格点，校准 %5 × %6 词元</translation>
    </message>
    <message>
        <location filename="../app/gui/quantize_page.cpp" line="168"/>
        <source>The α grid&apos;s attention and MLP losses run on the first %1 calibration blocks.</source>
        <translation>α 网格的注意力和 MLP 损失仅在前 %1 个校准块上计算。</translation>
    </message>
    <message>
        <location filename="../app/gui/quantize_page.cpp" line="206"/>
        <source>Cancelling …</source>
        <translation>正在取消 …</translation>
    </message>
    <message>
        <location filename="../app/gui/quantize_page.cpp" line="225"/>
        <source>layer %1 of %2</source>
        <translation>第 %1 层，共 %2 层</translation>
    </message>
    <message>
        <location filename="../app/gui/quantize_page.cpp" line="230"/>
        <source>Elapsed %1 · remaining %2</source>
        <translation>已用 %1 · 剩余 %2</translation>
    </message>
    <message>
        <location filename="../app/gui/quantize_page.cpp" line="230"/>
        <source>…</source>
        <translation>…</translation>
    </message>
    <message>
        <location filename="../app/gui/quantize_page.cpp" line="232"/>
        <source>layer %1 · %2 (searching)</source>
        <translation>第 %1 层 · %2（搜索中）</translation>
    </message>
    <message>
        <location filename="../app/gui/quantize_page.cpp" line="236"/>
        <source>Layer %1 of %2</source>
        <translation>第 %1 层，共 %2 层</translation>
    </message>
    <message>
        <location filename="../app/gui/quantize_page.cpp" line="163"/>
        <location filename="../app/gui/quantize_page.cpp" line="249"/>
        <source>Warning: %1</source>
        <translation>警告：%1</translation>
    </message>
    <message>
        <location filename="../app/gui/quantize_page.cpp" line="259"/>
        <source>Done in %1 s.</source>
        <translation>用时 %1 秒完成。</translation>
    </message>
    <message>
        <location filename="../app/gui/quantize_page.cpp" line="265"/>
        <source>Written to %1: %2 (the original: %3).</source>
        <translation>已写入 %1：%2（原始模型：%3）。</translation>
    </message>
    <message>
        <location filename="../app/gui/quantize_page.cpp" line="268"/>
        <source>Kept in memory (no output folder); weights in memory: %1 before, %2 after.</source>
        <translation>保留在内存中（无输出文件夹）；内存中的权重：之前 %1，之后 %2。</translation>
    </message>
    <message>
        <location filename="../app/gui/quantize_page.cpp" line="270"/>
        <source>—</source>
        <translation>—</translation>
    </message>
    <message>
        <location filename="../app/gui/quantize_page.cpp" line="285"/>
        <source>Failed</source>
        <translation>失败</translation>
    </message>
    <message>
        <location filename="../app/gui/quantize_page.cpp" line="288"/>
        <source>Quantization failed: %1</source>
        <translation>量化失败：%1</translation>
    </message>
    <message>
        <location filename="../app/gui/quantize_page.cpp" line="295"/>
        <source>Cancelled</source>
        <translation>已取消</translation>
    </message>
    <message>
        <location filename="../app/gui/quantize_page.cpp" line="304"/>
        <source>Cancelled; nothing was written.</source>
        <translation>已取消；未写入任何内容。</translation>
    </message>
    <message>
        <location filename="../app/gui/quantize_page.cpp" line="145"/>
        <source>Not started: the interrupted run in %1 was kept.</source>
        <translation>未开始：%1 中被中断的运行已保留。</translation>
    </message>
    <message>
        <location filename="../app/gui/quantize_page.cpp" line="170"/>
        <source>Resuming the interrupted run: %1 of %2 layers were already done.</source>
        <translation>继续被中断的运行：%2 层中已有 %1 层完成。</translation>
    </message>
    <message>
        <location filename="../app/gui/quantize_page.cpp" line="172"/>
        <source>Resuming the interrupted run.</source>
        <translation>继续被中断的运行。</translation>
    </message>
    <message>
        <location filename="../app/gui/quantize_page.cpp" line="174"/>
        <source>Discarding the interrupted run in %1.</source>
        <translation>丢弃 %1 中被中断的运行。</translation>
    </message>
    <message>
        <location filename="../app/gui/quantize_page.cpp" line="183"/>
        <source>%1 of %2 layers are done.</source>
        <translation>%2 层中已完成 %1 层。</translation>
    </message>
    <message>
        <location filename="../app/gui/quantize_page.cpp" line="184"/>
        <source>How far it got could not be read.</source>
        <translation>无法读取它的进度。</translation>
    </message>
    <message>
        <location filename="../app/gui/quantize_page.cpp" line="185"/>
        <source>Interrupted quantization</source>
        <translation>被中断的量化</translation>
    </message>
    <message>
        <location filename="../app/gui/quantize_page.cpp" line="186"/>
        <source>An interrupted quantization into %1 was found. %2</source>
        <translation>发现了一个输出到 %1 的被中断的量化。%2</translation>
    </message>
    <message>
        <location filename="../app/gui/quantize_page.cpp" line="189"/>
        <source>Resume continues from the last finished layer and gives the same model as an uninterrupted run; it needs the same model, settings and calibration as before. Start over discards the saved layers.</source>
        <translation>“继续”从最后完成的层接着运行，得到与未中断运行相同的模型；它需要与之前相同的模型、设置和校准数据。“重新开始”会丢弃已保存的层。</translation>
    </message>
    <message>
        <location filename="../app/gui/quantize_page.cpp" line="192"/>
        <source>Resume</source>
        <translation>继续</translation>
    </message>
    <message>
        <location filename="../app/gui/quantize_page.cpp" line="194"/>
        <source>Start over</source>
        <translation>重新开始</translation>
    </message>
    <message>
        <location filename="../app/gui/quantize_page.cpp" line="235"/>
        <source>Layer %1 of %2: taken from the interrupted run</source>
        <translation>第 %1 层（共 %2 层）：取自被中断的运行</translation>
    </message>
    <message>
        <location filename="../app/gui/quantize_page.cpp" line="300"/>
        <source>Cancelled; no model was written. %1 of %2 layers are done and kept in %3: start again and choose Resume to continue.</source>
        <translation>已取消；未写入模型。%2 层中已完成 %1 层，保存在 %3 中：请重新开始并选择“继续”以接着运行。</translation>
    </message>
    <message>
        <location filename="../app/gui/quantize_page.cpp" line="63"/>
        <source>Auto</source>
        <translation>自动</translation>
    </message>
    <message>
        <location filename="../app/gui/quantize_page.cpp" line="64"/>
        <source>CPU</source>
        <translation>CPU</translation>
    </message>
    <message>
        <location filename="../app/gui/quantize_page.cpp" line="65"/>
        <source>GPU</source>
        <translation>GPU</translation>
    </message>
    <message>
        <location filename="../app/gui/quantize_page.cpp" line="66"/>
        <source>Where the AWQ search runs. Auto: the NVIDIA GPU when the CUDA plugin finds one, else the CPU</source>
        <translation>AWQ 搜索在哪里运行。自动：CUDA 插件找到 NVIDIA GPU 时使用 GPU，否则使用 CPU</translation>
    </message>
    <message>
        <location filename="../app/gui/quantize_page.cpp" line="72"/>
        <source>Device</source>
        <translation>设备</translation>
    </message>
    <message>
        <location filename="../app/gui/quantize_page.cpp" line="156"/>
        <source>Device: CPU</source>
        <translation>设备：CPU</translation>
    </message>
    <message>
        <location filename="../app/gui/quantize_page.cpp" line="156"/>
        <source>Device: looking for the GPU …</source>
        <translation>设备：正在查找 GPU …</translation>
    </message>
    <message>
        <location filename="../app/gui/quantize_page.cpp" line="220"/>
        <location filename="../app/gui/quantize_page.cpp" line="261"/>
        <source>Device: %1</source>
        <translation>设备：%1</translation>
    </message>
    <message>
        <location filename="../app/gui/quantize_page.cpp" line="262"/>
        <source>Device: %1.</source>
        <translation>设备：%1。</translation>
    </message>
    <message>
        <location filename="../app/gui/quantize_page.cpp" line="164"/>
        <source>Group size %1 would quantize them all (Settings).</source>
        <translation>分组大小 %1 可将它们全部量化（见设置）。</translation>
    </message>
    <message>
        <location filename="../app/gui/quantize_page.cpp" line="254"/>
        <source>Group %1 in every layer: not quantized (%2 not a multiple of %3), kept in floating point.</source>
        <translation>每一层的 %1 组：未量化（%2 不是 %3 的倍数），保持浮点。</translation>
    </message>
</context>
<context>
    <name>awq::gui::QuantizeWorker</name>
    <message>
        <location filename="../app/gui/quantize_worker.cpp" line="30"/>
        <source>unknown error</source>
        <translation>未知错误</translation>
    </message>
    <message>
        <location filename="../app/gui/quantize_worker.cpp" line="56"/>
        <source>only 4-bit models can be exported; choose 4 bits or clear the output folder</source>
        <translation>只能导出 4 位模型；请选择 4 位或清空输出文件夹</translation>
    </message>
    <message>
        <location filename="../app/gui/quantize_worker.cpp" line="125"/>
        <source>%1: an interrupted quantization was found there; start again and choose Resume or Start over</source>
        <translation>%1：那里有一个被中断的量化；请重新开始并选择“继续”或“重新开始”</translation>
    </message>
    <message>
        <location filename="../app/gui/quantize_worker.cpp" line="127"/>
        <source>%1 cannot be resumed: it belongs to a different run (the model, the AWQ settings or the calibration data differ). Choose the same ones as before, or start again and choose Start over to discard it.</source>
        <translation>%1 无法继续：它属于另一次运行（模型、AWQ 设置或校准数据不同）。请选择与之前相同的设置，或重新开始并选择“重新开始”将其丢弃。</translation>
    </message>
    <message>
        <location filename="../app/gui/quantize_worker.cpp" line="144"/>
        <source>CPU</source>
        <translation>CPU</translation>
    </message>
    <message>
        <location filename="../app/gui/quantize_worker.cpp" line="137"/>
        <source>GPU: %1</source>
        <translation>GPU：%1</translation>
    </message>
    <message>
        <location filename="../app/gui/quantize_worker.cpp" line="140"/>
        <source>the GPU was asked for but cannot be used: %1</source>
        <translation>已选择 GPU，但无法使用：%1</translation>
    </message>
    <message>
        <location filename="../app/gui/quantize_worker.cpp" line="142"/>
        <source>CPU (not on the GPU: %1)</source>
        <translation>CPU（未使用 GPU：%1）</translation>
    </message>
</context>
<context>
    <name>awq::gui::RunEstimateView</name>
    <message>
        <location filename="../app/gui/run_estimate_view.cpp" line="17"/>
        <source>%1 GB</source>
        <translation>%1 GB</translation>
    </message>
    <message>
        <location filename="../app/gui/run_estimate_view.cpp" line="18"/>
        <source>%1 MB</source>
        <translation>%1 MB</translation>
    </message>
    <message>
        <location filename="../app/gui/run_estimate_view.cpp" line="22"/>
        <source>%1 s</source>
        <translation>%1 秒</translation>
    </message>
    <message>
        <location filename="../app/gui/run_estimate_view.cpp" line="23"/>
        <source>%1 min</source>
        <translation>%1 分钟</translation>
    </message>
    <message>
        <location filename="../app/gui/run_estimate_view.cpp" line="24"/>
        <source>%1 h</source>
        <translation>%1 小时</translation>
    </message>
    <message>
        <location filename="../app/gui/run_estimate_view.cpp" line="91"/>
        <source>Estimating the run&apos;s time and memory …</source>
        <translation>正在估算运行时间和内存……</translation>
    </message>
    <message>
        <location filename="../app/gui/run_estimate_view.cpp" line="111"/>
        <source>No estimate: the calibration gives no blocks (%1).</source>
        <translation>无法估算：校准数据没有生成任何块（%1）。</translation>
    </message>
    <message>
        <location filename="../app/gui/run_estimate_view.cpp" line="111"/>
        <source>empty</source>
        <translation>为空</translation>
    </message>
    <message>
        <location filename="../app/gui/run_estimate_view.cpp" line="129"/>
        <source>Estimated: ~%1, peak memory %2 (host)</source>
        <translation>估计：约 %1，峰值内存 %2（主机）</translation>
    </message>
    <message>
        <location filename="../app/gui/run_estimate_view.cpp" line="130"/>
        <source>, %1 GPU</source>
        <translation>，%1 GPU</translation>
    </message>
    <message>
        <location filename="../app/gui/run_estimate_view.cpp" line="132"/>
        <source>%1 calibration blocks of %2 tokens on the %3.</source>
        <translation>%1 个校准块，每块 %2 个词元，在 %3 上运行。</translation>
    </message>
    <message>
        <location filename="../app/gui/run_estimate_view.cpp" line="133"/>
        <source>GPU</source>
        <translation>GPU</translation>
    </message>
    <message>
        <location filename="../app/gui/run_estimate_view.cpp" line="133"/>
        <source>CPU</source>
        <translation>CPU</translation>
    </message>
    <message>
        <location filename="../app/gui/run_estimate_view.cpp" line="134"/>
        <source>Host memory at its peak:</source>
        <translation>主机内存峰值：</translation>
    </message>
    <message>
        <location filename="../app/gui/run_estimate_view.cpp" line="135"/>
        <source>GPU memory:</source>
        <translation>GPU 内存：</translation>
    </message>
    <message>
        <location filename="../app/gui/run_estimate_view.cpp" line="136"/>
        <source>Time by stage:</source>
        <translation>各阶段耗时：</translation>
    </message>
    <message>
        <location filename="../app/gui/run_estimate_view.cpp" line="137"/>
        <source>Computed from the work the run does and throughputs measured on a 2-core CPU and an H100 (docs/benchmarks.md says how close it came).</source>
        <translation>根据运行的计算量以及在双核 CPU 和 H100 上测得的吞吐量计算（偏差见 docs/benchmarks.md）。</translation>
    </message>
    <message>
        <location filename="../app/gui/run_estimate_view.cpp" line="149"/>
        <source>⚠ This run needs about %1 of memory; %2 is available.</source>
        <translation>⚠ 此次运行约需 %1 内存；可用 %2。</translation>
    </message>
    <message>
        <location filename="../app/gui/run_estimate_view.cpp" line="151"/>
        <source>⚠ </source>
        <translation>⚠ </translation>
    </message>
    <message>
        <location filename="../app/gui/run_estimate_view.cpp" line="152"/>
        <source>The GPU needs about %1; it has %2.</source>
        <translation>GPU 约需 %1；它只有 %2。</translation>
    </message>
    <message>
        <location filename="../app/gui/run_estimate_view.cpp" line="163"/>
        <source>Use fewer calibration samples: at most %1 blocks of %2 tokens fit (Calibration step).</source>
        <translation>请减少样本数：最多可容纳 %1 个 %2 词元的块（校准步骤）。</translation>
    </message>
    <message>
        <location filename="../app/gui/run_estimate_view.cpp" line="165"/>
        <source>Use shorter calibration blocks (Calibration step).</source>
        <translation>请使用更短的校准块（校准步骤）。</translation>
    </message>
    <message>
        <location filename="../app/gui/run_estimate_view.cpp" line="167"/>
        <source>Or choose the GPU as the device.</source>
        <translation>或选择 GPU 作为设备。</translation>
    </message>
    <message>
        <location filename="../app/gui/run_estimate_view.cpp" line="168"/>
        <source>Or choose the CPU as the device.</source>
        <translation>或选择 CPU 作为设备。</translation>
    </message>
    <message>
        <location filename="../app/gui/run_estimate_view.cpp" line="169"/>
        <source>Closing other programs frees memory.</source>
        <translation>关闭其他程序可释放内存。</translation>
    </message>
</context>
<context>
    <name>awq::gui::SaliencyHeatmap</name>
    <message>
        <location filename="../app/gui/saliency_heatmap.cpp" line="35"/>
        <source>mean |x|</source>
        <translation>平均 |x|</translation>
    </message>
    <message>
        <location filename="../app/gui/saliency_heatmap.cpp" line="47"/>
        <source>top 1 % channels</source>
        <translation>前 1% 通道</translation>
    </message>
    <message>
        <location filename="../app/gui/saliency_heatmap.cpp" line="50"/>
        <source>input channel</source>
        <translation>输入通道</translation>
    </message>
    <message>
        <location filename="../app/gui/saliency_heatmap.cpp" line="51"/>
        <location filename="../app/gui/saliency_heatmap.cpp" line="103"/>
        <source>layer</source>
        <translation>层</translation>
    </message>
    <message>
        <location filename="../app/gui/saliency_heatmap.cpp" line="112"/>
        <source>mean |x| (layer %1)</source>
        <translation>平均 |x|（第 %1 层）</translation>
    </message>
    <message>
        <location filename="../app/gui/saliency_heatmap.cpp" line="124"/>
        <source>layer %1, channel %2
mean |x| = %3</source>
        <translation>第 %1 层，通道 %2
平均 |x| = %3</translation>
    </message>
</context>
<context>
    <name>awq::gui::ScreenshotTour</name>
    <message>
        <location filename="../app/gui/screenshot_tour.cpp" line="115"/>
        <source>Who made the heaven and the earth?</source>
        <translation>Who made the heaven and the earth?</translation>
    </message>
</context>
<context>
    <name>awq::gui::SettingsPage</name>
    <message>
        <location filename="../app/gui/settings_page.cpp" line="44"/>
        <source>Quantization settings</source>
        <translation>量化设置</translation>
    </message>
    <message>
        <location filename="../app/gui/settings_page.cpp" line="49"/>
        <source>%1 bits</source>
        <translation>%1 位</translation>
    </message>
    <message>
        <location filename="../app/gui/settings_page.cpp" line="50"/>
        <source>Bits</source>
        <translation>位数</translation>
    </message>
    <message>
        <location filename="../app/gui/settings_page.cpp" line="50"/>
        <source>Default 4. Only 4-bit results can be exported for vLLM / transformers.</source>
        <translation>默认 4。只有 4 位结果可以导出给 vLLM / transformers 使用。</translation>
    </message>
    <message>
        <location filename="../app/gui/settings_page.cpp" line="52"/>
        <source>per channel</source>
        <translation>逐通道</translation>
    </message>
    <message>
        <location filename="../app/gui/settings_page.cpp" line="69"/>
        <source>Group size</source>
        <translation>分组大小</translation>
    </message>
    <message>
        <location filename="../app/gui/settings_page.cpp" line="57"/>
        <source>Default 128. Weights sharing one scale and zero point.</source>
        <translation>默认 128。共享同一缩放因子和零点的权重数。</translation>
    </message>
    <message>
        <location filename="../app/gui/settings_page.cpp" line="70"/>
        <source>Asymmetric (zero point)</source>
        <translation>非对称（零点）</translation>
    </message>
    <message>
        <location filename="../app/gui/settings_page.cpp" line="71"/>
        <source>Zero point</source>
        <translation>零点</translation>
    </message>
    <message>
        <location filename="../app/gui/settings_page.cpp" line="71"/>
        <source>Default on. A per-group offset fits skewed weight ranges.</source>
        <translation>默认开启。每组的偏移量适应不对称的权重范围。</translation>
    </message>
    <message>
        <location filename="../app/gui/settings_page.cpp" line="72"/>
        <source>Search a clipping range</source>
        <translation>搜索裁剪范围</translation>
    </message>
    <message>
        <location filename="../app/gui/settings_page.cpp" line="73"/>
        <source>Clip search</source>
        <translation>裁剪搜索</translation>
    </message>
    <message>
        <location filename="../app/gui/settings_page.cpp" line="73"/>
        <source>Default on. Shrinks each group&apos;s range where that lowers the output error.</source>
        <translation>默认开启。在能降低输出误差时收缩每组的范围。</translation>
    </message>
    <message>
        <location filename="../app/gui/settings_page.cpp" line="77"/>
        <source>Weighted (min and max, by activation-weighted error)</source>
        <translation>加权（最小值和最大值，按激活加权误差）</translation>
    </message>
    <message>
        <location filename="../app/gui/settings_page.cpp" line="76"/>
        <source>Clip (AWQ&apos;s symmetric shrink, by sampled output error)</source>
        <translation>裁剪（AWQ 的对称收缩，按采样输出误差）</translation>
    </message>
    <message>
        <location filename="../app/gui/settings_page.cpp" line="78"/>
        <source>Range search</source>
        <translation>范围搜索</translation>
    </message>
    <message>
        <location filename="../app/gui/settings_page.cpp" line="83"/>
        <source>Auto (on below 4 bits)</source>
        <translation>自动（低于 4 位时开启）</translation>
    </message>
    <message>
        <location filename="../app/gui/settings_page.cpp" line="84"/>
        <source>On</source>
        <translation>开启</translation>
    </message>
    <message>
        <location filename="../app/gui/settings_page.cpp" line="85"/>
        <source>Off (AutoAWQ&apos;s clip search)</source>
        <translation>关闭（AutoAWQ 的裁剪搜索）</translation>
    </message>
    <message>
        <location filename="../app/gui/settings_page.cpp" line="86"/>
        <source>Clip row check</source>
        <translation>裁剪逐行检查</translation>
    </message>
    <message>
        <location filename="../app/gui/settings_page.cpp" line="87"/>
        <source>Default auto. A row keeps its clipping only if that lowers the row&apos;s whole output error.</source>
        <translation>默认自动。只有当裁剪降低了该行的整体输出误差时，该行才保留裁剪。</translation>
    </message>
    <message>
        <location filename="../app/gui/settings_page.cpp" line="88"/>
        <source>Scale by activations and weights</source>
        <translation>按激活值和权重缩放</translation>
    </message>
    <message>
        <location filename="../app/gui/settings_page.cpp" line="89"/>
        <source>Duo scaling</source>
        <translation>双重缩放</translation>
    </message>
    <message>
        <location filename="../app/gui/settings_page.cpp" line="89"/>
        <source>Default on. s = x^α / w^(1−α) instead of x^α alone.</source>
        <translation>默认开启。s = x^α / w^(1−α)，而不仅是 x^α。</translation>
    </message>
    <message>
        <location filename="../app/gui/settings_page.cpp" line="90"/>
        <source>Also try no scaling (s = 1)</source>
        <translation>也尝试不缩放（s = 1）</translation>
    </message>
    <message>
        <location filename="../app/gui/settings_page.cpp" line="92"/>
        <source>Identity candidate</source>
        <translation>恒等候选</translation>
    </message>
    <message>
        <location filename="../app/gui/settings_page.cpp" line="93"/>
        <source>Default on. Duo scaling&apos;s grid never contains s = 1; a group that no α helps stays unscaled.</source>
        <translation>默认开启。双重缩放的网格从不包含 s = 1；任何 α 都无益的组保持不缩放。</translation>
    </message>
    <message>
        <location filename="../app/gui/settings_page.cpp" line="94"/>
        <source>Never worse than round-to-nearest</source>
        <translation>绝不差于最近舍入</translation>
    </message>
    <message>
        <location filename="../app/gui/settings_page.cpp" line="96"/>
        <source>RTN fallback</source>
        <translation>RTN 回退</translation>
    </message>
    <message>
        <location filename="../app/gui/settings_page.cpp" line="97"/>
        <source>Default on. A layer whose output error ends above round-to-nearest&apos;s keeps the round-to-nearest weights.</source>
        <translation>默认开启。输出误差高于最近舍入的层保留最近舍入的权重。</translation>
    </message>
    <message>
        <location filename="../app/gui/settings_page.cpp" line="98"/>
        <source>Error feedback (AWQ + GPTQ)</source>
        <translation>误差反馈（AWQ + GPTQ）</translation>
    </message>
    <message>
        <location filename="../app/gui/settings_page.cpp" line="100"/>
        <source>Rounding</source>
        <translation>舍入</translation>
    </message>
    <message>
        <location filename="../app/gui/settings_page.cpp" line="107"/>
        <source> %</source>
        <translation> %</translation>
    </message>
    <message>
        <location filename="../app/gui/settings_page.cpp" line="108"/>
        <source>none</source>
        <translation>无</translation>
    </message>
    <message>
        <location filename="../app/gui/settings_page.cpp" line="109"/>
        <source>Keep in floating point</source>
        <translation>保持浮点</translation>
    </message>
    <message>
        <location filename="../app/gui/settings_page.cpp" line="110"/>
        <source>Default none. The most sensitive linears, up to this share of the weights, stay in FP16 (modules_to_not_convert; vLLM and transformers load them). Inspect → Mixed precision shows the trade-off.</source>
        <translation>默认无。最敏感的线性层（最多占权重的这一比例）保持 FP16（modules_to_not_convert；vLLM 和 transformers 可加载）。检查 → 混合精度 显示其权衡。</translation>
    </message>
    <message>
        <location filename="../app/gui/settings_page.cpp" line="115"/>
        <source>Grid points</source>
        <translation>网格点数</translation>
    </message>
    <message>
        <location filename="../app/gui/settings_page.cpp" line="115"/>
        <source>Default 20. Values of α tried per group: 0, 1/n, …, (n−1)/n.</source>
        <translation>默认 20。每组尝试的 α 值：0、1/n、…、(n−1)/n。</translation>
    </message>
    <message>
        <location filename="../app/gui/settings_page.cpp" line="119"/>
        <source>all blocks</source>
        <translation>全部块</translation>
    </message>
    <message>
        <location filename="../app/gui/settings_page.cpp" line="120"/>
        <source>Search blocks</source>
        <translation>搜索块数</translation>
    </message>
    <message>
        <location filename="../app/gui/settings_page.cpp" line="125"/>
        <source>all cores (%1)</source>
        <translation>全部核心（%1）</translation>
    </message>
    <message>
        <location filename="../app/gui/settings_page.cpp" line="126"/>
        <source>Threads / device</source>
        <translation>线程 / 设备</translation>
    </message>
    <message>
        <location filename="../app/gui/settings_page.cpp" line="126"/>
        <source>Default: all CPU cores. The device (CPU or GPU) is chosen on the Quantize step.</source>
        <translation>默认：全部 CPU 核心。设备（CPU 或 GPU）在“量化”步骤中选择。</translation>
    </message>
    <message>
        <location filename="../app/gui/settings_page.cpp" line="133"/>
        <source>leave empty to keep the result in memory (chat and inspect only)</source>
        <translation>留空则结果只保留在内存中（仅用于对话和分析）</translation>
    </message>
    <message>
        <location filename="../app/gui/settings_page.cpp" line="135"/>
        <source>Browse…</source>
        <translation>浏览…</translation>
    </message>
    <message>
        <location filename="../app/gui/settings_page.cpp" line="137"/>
        <source>Output folder</source>
        <translation>输出文件夹</translation>
    </message>
    <message>
        <location filename="../app/gui/settings_page.cpp" line="137"/>
        <source>An AutoAWQ GEMM checkpoint is written here, all at once or not at all.</source>
        <translation>AutoAWQ GEMM 检查点写入此处：要么完整写入，要么完全不写。</translation>
    </message>
    <message>
        <location filename="../app/gui/settings_page.cpp" line="138"/>
        <source>Overwrite an existing folder</source>
        <translation>覆盖已有文件夹</translation>
    </message>
    <message>
        <location filename="../app/gui/settings_page.cpp" line="144"/>
        <source>Reset to defaults</source>
        <translation>恢复默认值</translation>
    </message>
    <message>
        <location filename="../app/gui/settings_page.cpp" line="157"/>
        <source>Output folder for the quantized model</source>
        <translation>量化模型的输出文件夹</translation>
    </message>
    <message>
        <location filename="../app/gui/settings_page.cpp" line="252"/>
        <source>The result stays in memory; nothing is written.</source>
        <translation>结果保留在内存中；不写入任何内容。</translation>
    </message>
    <message>
        <location filename="../app/gui/settings_page.cpp" line="256"/>
        <source>only 4-bit models can be exported; choose 4 bits or clear the folder</source>
        <translation>只能导出 4 位模型；请选择 4 位或清空文件夹</translation>
    </message>
    <message>
        <location filename="../app/gui/settings_page.cpp" line="259"/>
        <source>⚠ %1 exists and will be replaced.</source>
        <translation>⚠ %1 已存在，将被替换。</translation>
    </message>
    <message>
        <location filename="../app/gui/settings_page.cpp" line="260"/>
        <source>✓ %1 will be created.</source>
        <translation>✓ 将创建 %1。</translation>
    </message>
    <message>
        <location filename="../app/gui/settings_page.cpp" line="263"/>
        <source>✗ %1</source>
        <translation>✗ %1</translation>
    </message>
    <message>
        <location filename="../app/gui/settings_page.cpp" line="176"/>
        <source>⚠ %1</source>
        <translation>⚠ %1</translation>
    </message>
    <message>
        <location filename="../app/gui/settings_page.cpp" line="79"/>
        <source>Default clip. Weighted: each group&apos;s min and max shrink separately, scored by Σ E[x²]·(w − q(w))² over every calibration token.</source>
        <translation>默认裁剪。加权：每组的最小值和最大值分别收缩，以所有校准词元上的 Σ E[x²]·(w − q(w))² 评分。</translation>
    </message>
    <message>
        <location filename="../app/gui/settings_page.cpp" line="101"/>
        <source>Default on. Rounds each linear column by column and spreads the error over the columns not yet rounded (GPTQ). CPU only: a GPU run rounds without it.</source>
        <translation>默认开启。逐列舍入每个线性层，并将误差分摊到尚未舍入的列（GPTQ）。仅限 CPU：GPU 运行时不使用它。</translation>
    </message>
    <message>
        <location filename="../app/gui/settings_page.cpp" line="121"/>
        <source>Default 8. The attention and MLP losses of the α grid run on the first N calibration blocks only: fewer is faster; “all blocks” is the reference&apos;s search.</source>
        <translation>默认 8。α 网格的注意力和 MLP 损失只在前 N 个校准块上计算：越少越快；“所有块”是参考实现的搜索。</translation>
    </message>
    <message>
        <location filename="../app/gui/settings_page.cpp" line="179"/>
        <source>Group size %1 quantizes them all.</source>
        <translation>分组大小 %1 可将它们全部量化。</translation>
    </message>
    <message>
        <location filename="../app/gui/settings_page.cpp" line="181"/>
        <source>Only per-channel quantization fits every linear.</source>
        <translation>只有逐通道量化适用于所有线性层。</translation>
    </message>
    <message>
        <location filename="../app/gui/settings_page.cpp" line="187"/>
        <source>Use %1</source>
        <translation>使用 %1</translation>
    </message>
</context>
<context>
    <name>awq::gui::TokenCompareView</name>
    <message>
        <location filename="../app/gui/token_compare_view.cpp" line="112"/>
        <source>Send a message: the original answers, and the INT4 model is measured on the same tokens.</source>
        <translation>发送一条消息：原始模型回答，并在相同词元上测量 INT4 模型。</translation>
    </message>
    <message>
        <location filename="../app/gui/token_compare_view.cpp" line="116"/>
        <source>Each token&apos;s background shows the KL divergence of the two models&apos; next-token distributions (none below 0.001, yellow to red up to 1 nat); underlined: the INT4 model&apos;s most probable token differs. Hover a token for both top-5.</source>
        <translation>每个词元的背景显示两个模型下一词元分布的 KL 散度（低于 0.001 无颜色，从黄到红直至 1 nat）；下划线：INT4 模型最可能的词元不同。悬停查看两者的 top-5。</translation>
    </message>
    <message>
        <location filename="../app/gui/token_compare_view.cpp" line="139"/>
        <source>Comparing …</source>
        <translation>正在比较 …</translation>
    </message>
    <message>
        <location filename="../app/gui/token_compare_view.cpp" line="177"/>
        <source>KL divergence: %1</source>
        <translation>KL 散度：%1</translation>
    </message>
    <message>
        <location filename="../app/gui/token_compare_view.cpp" line="178"/>
        <source>INT4&apos;s probability of %1: %2 %</source>
        <translation>INT4 对 %1 的概率：%2 %</translation>
    </message>
    <message>
        <location filename="../app/gui/token_compare_view.cpp" line="179"/>
        <source>Original top-5</source>
        <translation>原始 top-5</translation>
    </message>
    <message>
        <location filename="../app/gui/token_compare_view.cpp" line="179"/>
        <source>INT4 top-5</source>
        <translation>INT4 top-5</translation>
    </message>
    <message>
        <location filename="../app/gui/token_compare_view.cpp" line="184"/>
        <source>The comparison failed: %1</source>
        <translation>比较失败：%1</translation>
    </message>
    <message>
        <location filename="../app/gui/token_compare_view.cpp" line="189"/>
        <source>The original gave no reply tokens to compare.</source>
        <translation>原始模型没有给出可比较的回复词元。</translation>
    </message>
    <message numerus="yes">
        <location filename="../app/gui/token_compare_view.cpp" line="199"/>
        <source>Top-1 agreement %1 % · mean KL %2 (%n token(s))</source>
        <translation>
            <numerusform>Top-1 一致性 %1 % · 平均 KL %2（%n 个词元）</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>awq::gui::TradeoffPlot</name>
    <message>
        <location filename="../app/gui/tradeoff_plot.cpp" line="17"/>
        <source>calibration error (predicted)</source>
        <translation>校准误差（预测）</translation>
    </message>
    <message>
        <location filename="../app/gui/tradeoff_plot.cpp" line="21"/>
        <source>perplexity (measured)</source>
        <translation>困惑度（实测）</translation>
    </message>
    <message>
        <location filename="../app/gui/tradeoff_plot.cpp" line="24"/>
        <source>linear weights kept in floating point (%)</source>
        <translation>保持浮点的线性权重（%）</translation>
    </message>
    <message>
        <location filename="../app/gui/tradeoff_plot.cpp" line="25"/>
        <source>summed relative layer error</source>
        <translation>各层相对误差之和</translation>
    </message>
    <message>
        <location filename="../app/gui/tradeoff_plot.cpp" line="26"/>
        <source>perplexity</source>
        <translation>困惑度</translation>
    </message>
    <message>
        <location filename="../app/gui/tradeoff_plot.cpp" line="34"/>
        <source>No sensitivities in this report (measured by the CPU since December 2026)</source>
        <translation>此报告中没有敏感度（自 2026 年 12 月起由 CPU 测量）</translation>
    </message>
    <message>
        <location filename="../app/gui/tradeoff_plot.cpp" line="58"/>
        <source>Mixed precision: size vs error (perplexity from awq compare --sweep)</source>
        <translation>混合精度：大小与误差（困惑度来自 awq compare --sweep）</translation>
    </message>
    <message>
        <location filename="../app/gui/tradeoff_plot.cpp" line="59"/>
        <source>Mixed precision: size vs predicted error</source>
        <translation>混合精度：大小与预测误差</translation>
    </message>
</context>
<context>
    <name>main</name>
    <message>
        <location filename="../app/gui/main.cpp" line="45"/>
        <source>Activation-aware 4-bit quantization of Llama-family models.</source>
        <translation>Llama 系列模型的激活感知 4 位量化。</translation>
    </message>
    <message>
        <location filename="../app/gui/main.cpp" line="19"/>
        <source>Open this model folder (default: the bundled model).</source>
        <translation>打开此模型文件夹（默认：内置模型）。</translation>
    </message>
    <message>
        <location filename="../app/gui/main.cpp" line="20"/>
        <source>Open this AWQ report in Inspect.</source>
        <translation>在“分析”中打开此 AWQ 报告。</translation>
    </message>
    <message>
        <location filename="../app/gui/main.cpp" line="21"/>
        <source>User interface language: en, de, zh_CN (default: the system&apos;s).</source>
        <translation>界面语言：en、de、zh_CN（默认：系统语言）。</translation>
    </message>
    <message>
        <location filename="../app/gui/main.cpp" line="22"/>
        <source>Colour theme: system, light, dark.</source>
        <translation>配色主题：system、light、dark。</translation>
    </message>
    <message>
        <location filename="../app/gui/main.cpp" line="23"/>
        <source>Walk through every step, save a screenshot of each into this folder and quit.</source>
        <translation>依次走完每个步骤，将每步截图保存到此文件夹后退出。</translation>
    </message>
</context>
</TS>
