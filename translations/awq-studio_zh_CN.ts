<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>awq::gui::CalibrationPage</name>
    <message>
        <location filename="../app/gui/calibration_page.cpp" line="42"/>
        <source>Calibration data</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/gui/calibration_page.cpp" line="45"/>
        <source>AWQ measures which input channels carry large activations on this text. A few hundred short documents from the model&apos;s domain are enough.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/gui/calibration_page.cpp" line="51"/>
        <source>Bundled corpus (King James Bible excerpts, public domain)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/gui/calibration_page.cpp" line="52"/>
        <source>Text from files:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/gui/calibration_page.cpp" line="60"/>
        <source>.txt (blank-line separated), .jsonl (&quot;text&quot; field) or a folder of .txt</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/gui/calibration_page.cpp" line="62"/>
        <source>Browse…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/gui/calibration_page.cpp" line="64"/>
        <source>File…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/gui/calibration_page.cpp" line="65"/>
        <source>Calibration file</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/gui/calibration_page.cpp" line="65"/>
        <source>Text (*.txt *.jsonl)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/gui/calibration_page.cpp" line="68"/>
        <source>Folder…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/gui/calibration_page.cpp" line="69"/>
        <source>Folder of .txt files</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/gui/calibration_page.cpp" line="79"/>
        <source>Documents taken from the corpus (AutoAWQ: 128)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/gui/calibration_page.cpp" line="82"/>
        <source>Tokens per calibration block (AutoAWQ: 512)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/gui/calibration_page.cpp" line="83"/>
        <source>Samples</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/gui/calibration_page.cpp" line="84"/>
        <source>Block length (tokens)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/gui/calibration_page.cpp" line="87"/>
        <source>Preview</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/gui/calibration_page.cpp" line="100"/>
        <source>The first document appears here.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/gui/calibration_page.cpp" line="133"/>
        <source>Reading and tokenizing …</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/gui/calibration_page.cpp" line="146"/>
        <source>%1 documents read, %2 used, %3 skipped as longer than a block; %4 tokens → %5 blocks of %6 tokens.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/gui/calibration_page.cpp" line="150"/>
        <source>Only %1 blocks can be made, fewer than the %2 samples asked for.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>awq::gui::ChatPage</name>
    <message>
        <location filename="../app/gui/chat_page.cpp" line="21"/>
        <source>Original</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/gui/chat_page.cpp" line="23"/>
        <source>AWQ (INT4)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/gui/chat_page.cpp" line="33"/>
        <source>0 = greedy</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/gui/chat_page.cpp" line="41"/>
        <source>Both sides sample with the same seed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/gui/chat_page.cpp" line="42"/>
        <source>Temperature</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/gui/chat_page.cpp" line="44"/>
        <source>Top-p</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/gui/chat_page.cpp" line="46"/>
        <source>Max tokens</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/gui/chat_page.cpp" line="48"/>
        <source>Seed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/gui/chat_page.cpp" line="51"/>
        <source>New conversation</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/gui/chat_page.cpp" line="58"/>
        <source>Message both models …</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/gui/chat_page.cpp" line="59"/>
        <source>Send</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/gui/chat_page.cpp" line="61"/>
        <source>Stop</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/gui/chat_page.cpp" line="81"/>
        <source>this session&apos;s AWQ result</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/gui/chat_page.cpp" line="122"/>
        <location filename="../app/gui/chat_page.cpp" line="127"/>
        <source>Open model folder</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>awq::gui::ChatPane</name>
    <message>
        <location filename="../app/gui/chat_pane.cpp" line="23"/>
        <source>Load folder…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/gui/chat_pane.cpp" line="26"/>
        <location filename="../app/gui/chat_pane.cpp" line="43"/>
        <source>No model.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/gui/chat_pane.cpp" line="47"/>
        <source>%1
engine %2 · weights %3 · chat template: %4</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/gui/chat_pane.cpp" line="57"/>
        <source>%1 tokens · %2 tokens/s · first token after %3 ms%4</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/gui/chat_pane.cpp" line="59"/>
        <source> · stopped</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/gui/chat_pane.cpp" line="76"/>
        <source>generating …</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/gui/chat_pane.cpp" line="101"/>
        <source>You</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/gui/chat_pane.cpp" line="101"/>
        <location filename="../app/gui/chat_pane.cpp" line="103"/>
        <source>Model</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>awq::gui::InspectPage</name>
    <message>
        <location filename="../app/gui/inspect_page.cpp" line="23"/>
        <source>Inspect</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/gui/inspect_page.cpp" line="26"/>
        <source>No report yet: quantize a model or open a report (File → Open report).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/gui/inspect_page.cpp" line="33"/>
        <source>q/k/v input (after input_layernorm)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/gui/inspect_page.cpp" line="34"/>
        <source>o_proj input (attention output)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/gui/inspect_page.cpp" line="35"/>
        <source>gate/up input (after post_attention_layernorm)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/gui/inspect_page.cpp" line="36"/>
        <source>down_proj input (MLP hidden)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/gui/inspect_page.cpp" line="38"/>
        <source>All layers (heatmap)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/gui/inspect_page.cpp" line="39"/>
        <source>One layer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/gui/inspect_page.cpp" line="41"/>
        <source>layer </source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/gui/inspect_page.cpp" line="42"/>
        <source>Linear group</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/gui/inspect_page.cpp" line="47"/>
        <source>Export heatmap…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/gui/inspect_page.cpp" line="48"/>
        <source>Export loss curve…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/gui/inspect_page.cpp" line="102"/>
        <source>%1 of %2 · %3-bit, group %4 · calibration %5 blocks × %6 tokens · %7 s</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/gui/inspect_page.cpp" line="129"/>
        <location filename="../app/gui/inspect_page.cpp" line="132"/>
        <source>Export plot</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/gui/inspect_page.cpp" line="129"/>
        <source>PNG image (*.png);;PDF document (*.pdf)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/gui/inspect_page.cpp" line="132"/>
        <source>Could not write %1.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>awq::gui::LayerTableModel</name>
    <message>
        <location filename="../app/gui/layer_table_model.cpp" line="52"/>
        <source>—</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/gui/layer_table_model.cpp" line="70"/>
        <source>Mean clip factor of the clipped linears (1 = no clipping)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/gui/layer_table_model.cpp" line="71"/>
        <source>Share of weight groups whose range was clipped</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/gui/layer_table_model.cpp" line="72"/>
        <source>Layer output MSE with round-to-nearest weights</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/gui/layer_table_model.cpp" line="73"/>
        <source>Layer output MSE with this run&apos;s weights</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/gui/layer_table_model.cpp" line="74"/>
        <source>AWQ error / RTN error (below 1 = AWQ helps)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/gui/layer_table_model.cpp" line="80"/>
        <source>Layer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/gui/layer_table_model.cpp" line="81"/>
        <source>α qkv</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/gui/layer_table_model.cpp" line="82"/>
        <source>α o</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/gui/layer_table_model.cpp" line="83"/>
        <source>α gate/up</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/gui/layer_table_model.cpp" line="84"/>
        <source>α down</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/gui/layer_table_model.cpp" line="85"/>
        <source>Clip factor</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/gui/layer_table_model.cpp" line="86"/>
        <source>Clipped</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/gui/layer_table_model.cpp" line="87"/>
        <source>RTN error</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/gui/layer_table_model.cpp" line="88"/>
        <source>AWQ error</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/gui/layer_table_model.cpp" line="89"/>
        <source>AWQ / RTN</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/gui/layer_table_model.cpp" line="90"/>
        <source>Time (s)</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>awq::gui::LossCurvePlot</name>
    <message>
        <location filename="../app/gui/loss_curve_plot.cpp" line="15"/>
        <source>loss</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/gui/loss_curve_plot.cpp" line="19"/>
        <source>α = 0 (no scaling, as RTN)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/gui/loss_curve_plot.cpp" line="23"/>
        <source>best α</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/gui/loss_curve_plot.cpp" line="26"/>
        <source>α (scale exponent)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/gui/loss_curve_plot.cpp" line="27"/>
        <source>output MSE</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/gui/loss_curve_plot.cpp" line="37"/>
        <source>layer %1 · %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/gui/loss_curve_plot.cpp" line="38"/>
        <source>skipped: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/gui/loss_curve_plot.cpp" line="39"/>
        <source>best α = %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>awq::gui::MainWindow</name>
    <message>
        <location filename="../app/gui/main_window.cpp" line="23"/>
        <source>AWQ Studio</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/gui/main_window.cpp" line="32"/>
        <source>1  Model</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/gui/main_window.cpp" line="32"/>
        <source>Choose the model to quantize.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/gui/main_window.cpp" line="33"/>
        <source>2  Calibration</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/gui/main_window.cpp" line="33"/>
        <source>Needs a model (its tokenizer cuts the text into blocks).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/gui/main_window.cpp" line="34"/>
        <source>3  Settings</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/gui/main_window.cpp" line="34"/>
        <source>Needs a model.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/gui/main_window.cpp" line="35"/>
        <source>4  Quantize</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/gui/main_window.cpp" line="35"/>
        <source>Needs a model; calibration and settings have defaults.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/gui/main_window.cpp" line="36"/>
        <source>5  Inspect</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/gui/main_window.cpp" line="36"/>
        <source>Needs a quantization result or a report (File → Open report).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/gui/main_window.cpp" line="37"/>
        <source>6  Chat</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/gui/main_window.cpp" line="37"/>
        <source>Needs a model; the AWQ side needs a result or an AWQ folder.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/gui/main_window.cpp" line="57"/>
        <source>Ready</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/gui/main_window.cpp" line="62"/>
        <source>Model: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/gui/main_window.cpp" line="63"/>
        <source>Quantization finished</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/gui/main_window.cpp" line="70"/>
        <source>&amp;File</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/gui/main_window.cpp" line="71"/>
        <source>Open &amp;model folder…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/gui/main_window.cpp" line="72"/>
        <source>Open model folder</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/gui/main_window.cpp" line="75"/>
        <source>Open &amp;report…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/gui/main_window.cpp" line="75"/>
        <source>Ctrl+R</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/gui/main_window.cpp" line="76"/>
        <location filename="../app/gui/main_window.cpp" line="122"/>
        <source>Open report</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/gui/main_window.cpp" line="76"/>
        <source>AWQ report (*.json)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/gui/main_window.cpp" line="80"/>
        <source>&amp;Preferences…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/gui/main_window.cpp" line="82"/>
        <source>&amp;Quit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/gui/main_window.cpp" line="83"/>
        <source>&amp;Help</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/gui/main_window.cpp" line="84"/>
        <source>&amp;About AWQ Studio</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/gui/main_window.cpp" line="85"/>
        <source>About AWQ Studio</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/gui/main_window.cpp" line="86"/>
        <source>&lt;b&gt;AWQ Studio %1&lt;/b&gt;&lt;br&gt;Activation-aware 4-bit weight quantization (Lin et al., MLSys 2024) for Llama-family models.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/gui/main_window.cpp" line="119"/>
        <source>Report: %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>awq::gui::ModelPage</name>
    <message>
        <location filename="../app/gui/model_page.cpp" line="37"/>
        <source>Models</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/gui/model_page.cpp" line="43"/>
        <source>Open folder…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/gui/model_page.cpp" line="49"/>
        <source>Selected model</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/gui/model_page.cpp" line="52"/>
        <location filename="../app/gui/model_page.cpp" line="112"/>
        <source>No model selected.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/gui/model_page.cpp" line="84"/>
        <source>tiny-llama-kjv (bundled)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/gui/model_page.cpp" line="84"/>
        <source>bundled with AWQ Studio</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/gui/model_page.cpp" line="85"/>
        <source>recently used</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/gui/model_page.cpp" line="87"/>
        <source>Hugging Face cache</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/gui/model_page.cpp" line="91"/>
        <source>Open model folder</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/gui/model_page.cpp" line="101"/>
        <source>Loading %1 …</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/gui/model_page.cpp" line="109"/>
        <source>This folder cannot be used:
%1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/gui/model_page.cpp" line="111"/>
        <source>Still using %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/gui/model_page.cpp" line="135"/>
        <source>Architecture</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/gui/model_page.cpp" line="136"/>
        <source>Layers</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/gui/model_page.cpp" line="137"/>
        <source>Hidden size</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/gui/model_page.cpp" line="138"/>
        <source>Parameters</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/gui/model_page.cpp" line="139"/>
        <source>Data type</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/gui/model_page.cpp" line="140"/>
        <source>Size on disk</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/gui/model_page.cpp" line="141"/>
        <source>Memory at FP16</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/gui/model_page.cpp" line="142"/>
        <source>Memory at INT4 (estimate)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/gui/model_page.cpp" line="143"/>
        <source>Tokenizer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/gui/model_page.cpp" line="144"/>
        <source>Chat template</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/gui/model_page.cpp" line="145"/>
        <source>AWQ-quantized</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/gui/model_page.cpp" line="145"/>
        <source>yes, %1-bit, group size %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/gui/model_page.cpp" line="146"/>
        <source>no</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/gui/model_page.cpp" line="147"/>
        <source>Note</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>awq::gui::PreferencesDialog</name>
    <message>
        <location filename="../app/gui/preferences_dialog.cpp" line="14"/>
        <source>Preferences</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/gui/preferences_dialog.cpp" line="17"/>
        <source>System language</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/gui/preferences_dialog.cpp" line="21"/>
        <source>Follow the system</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/gui/preferences_dialog.cpp" line="22"/>
        <source>Light</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/gui/preferences_dialog.cpp" line="23"/>
        <source>Dark</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/gui/preferences_dialog.cpp" line="25"/>
        <location filename="../app/gui/preferences_dialog.cpp" line="40"/>
        <source>Language</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/gui/preferences_dialog.cpp" line="26"/>
        <source>A new language applies when AWQ Studio starts again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/gui/preferences_dialog.cpp" line="27"/>
        <source>Theme</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/gui/preferences_dialog.cpp" line="40"/>
        <source>Restart AWQ Studio to use the new language.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>awq::gui::QuantizePage</name>
    <message>
        <location filename="../app/gui/quantize_page.cpp" line="22"/>
        <source>Reading calibration data</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/gui/quantize_page.cpp" line="23"/>
        <source>Capturing activations</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/gui/quantize_page.cpp" line="24"/>
        <source>Searching scales</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/gui/quantize_page.cpp" line="25"/>
        <source>Searching clipping</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/gui/quantize_page.cpp" line="26"/>
        <source>Quantizing</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/gui/quantize_page.cpp" line="27"/>
        <source>Measuring the error</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/gui/quantize_page.cpp" line="28"/>
        <source>Writing the checkpoint</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/gui/quantize_page.cpp" line="29"/>
        <source>Done</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/gui/quantize_page.cpp" line="44"/>
        <source>Quantize</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/gui/quantize_page.cpp" line="48"/>
        <source>Start quantization</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/gui/quantize_page.cpp" line="50"/>
        <source>Cancel</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/gui/quantize_page.cpp" line="64"/>
        <source>layer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/gui/quantize_page.cpp" line="65"/>
        <source>Not started.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/gui/quantize_page.cpp" line="67"/>
        <source>Overall</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/gui/quantize_page.cpp" line="69"/>
        <source>Layer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/gui/quantize_page.cpp" line="111"/>
        <source>Quantizing %1: %2-bit, group size %3, %4 grid points, calibration %5 × %6 tokens</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/gui/quantize_page.cpp" line="120"/>
        <source>Cancelling …</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/gui/quantize_page.cpp" line="133"/>
        <source>layer %1 of %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/gui/quantize_page.cpp" line="138"/>
        <source>Elapsed %1 · remaining %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/gui/quantize_page.cpp" line="138"/>
        <source>…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/gui/quantize_page.cpp" line="140"/>
        <source>layer %1 · %2 (searching)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/gui/quantize_page.cpp" line="143"/>
        <source>Layer %1 of %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/gui/quantize_page.cpp" line="156"/>
        <source>Warning: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/gui/quantize_page.cpp" line="157"/>
        <source>Done in %1 s.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/gui/quantize_page.cpp" line="159"/>
        <source>Written to %1: %2 (the original: %3).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/gui/quantize_page.cpp" line="162"/>
        <source>Kept in memory (no output folder); weights in memory: %1 before, %2 after.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/gui/quantize_page.cpp" line="164"/>
        <source>—</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/gui/quantize_page.cpp" line="171"/>
        <source>Failed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/gui/quantize_page.cpp" line="173"/>
        <source>Quantization failed: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/gui/quantize_page.cpp" line="180"/>
        <source>Cancelled</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/gui/quantize_page.cpp" line="181"/>
        <source>Cancelled; nothing was written.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>awq::gui::QuantizeWorker</name>
    <message>
        <location filename="../app/gui/quantize_worker.cpp" line="30"/>
        <source>unknown error</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>awq::gui::SaliencyHeatmap</name>
    <message>
        <location filename="../app/gui/saliency_heatmap.cpp" line="33"/>
        <source>mean |x|</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/gui/saliency_heatmap.cpp" line="45"/>
        <source>top 1 % channels</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/gui/saliency_heatmap.cpp" line="48"/>
        <source>input channel</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/gui/saliency_heatmap.cpp" line="49"/>
        <location filename="../app/gui/saliency_heatmap.cpp" line="101"/>
        <source>layer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/gui/saliency_heatmap.cpp" line="110"/>
        <source>mean |x| (layer %1)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/gui/saliency_heatmap.cpp" line="122"/>
        <source>layer %1, channel %2
mean |x| = %3</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>awq::gui::ScreenshotTour</name>
    <message>
        <location filename="../app/gui/screenshot_tour.cpp" line="84"/>
        <source>Who made the heaven and the earth?</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>awq::gui::SettingsPage</name>
    <message>
        <location filename="../app/gui/settings_page.cpp" line="41"/>
        <source>Quantization settings</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/gui/settings_page.cpp" line="46"/>
        <source>%1 bits</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/gui/settings_page.cpp" line="47"/>
        <source>Bits</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/gui/settings_page.cpp" line="47"/>
        <source>Default 4. Only 4-bit results can be exported for vLLM / transformers.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/gui/settings_page.cpp" line="49"/>
        <source>per channel</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/gui/settings_page.cpp" line="50"/>
        <source>Group size</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/gui/settings_page.cpp" line="50"/>
        <source>Default 128. Weights sharing one scale and zero point.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/gui/settings_page.cpp" line="51"/>
        <source>Asymmetric (zero point)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/gui/settings_page.cpp" line="52"/>
        <source>Zero point</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/gui/settings_page.cpp" line="52"/>
        <source>Default on. A per-group offset fits skewed weight ranges.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/gui/settings_page.cpp" line="53"/>
        <source>Search a clipping range</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/gui/settings_page.cpp" line="54"/>
        <source>Clip search</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/gui/settings_page.cpp" line="54"/>
        <source>Default on. Shrinks each group&apos;s range where that lowers the output error.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/gui/settings_page.cpp" line="55"/>
        <source>Scale by activations and weights</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/gui/settings_page.cpp" line="56"/>
        <source>Duo scaling</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/gui/settings_page.cpp" line="56"/>
        <source>Default on. s = x^α / w^(1−α) instead of x^α alone.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/gui/settings_page.cpp" line="59"/>
        <source>Grid points</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/gui/settings_page.cpp" line="59"/>
        <source>Default 20. Values of α tried per group: 0, 1/n, …, (n−1)/n.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/gui/settings_page.cpp" line="62"/>
        <source>all cores (%1)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/gui/settings_page.cpp" line="63"/>
        <source>Threads / device</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/gui/settings_page.cpp" line="63"/>
        <source>Default: all CPU cores. The AWQ search runs on the CPU.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/gui/settings_page.cpp" line="70"/>
        <source>leave empty to keep the result in memory (chat and inspect only)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/gui/settings_page.cpp" line="72"/>
        <source>Browse…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/gui/settings_page.cpp" line="74"/>
        <source>Output folder</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/gui/settings_page.cpp" line="74"/>
        <source>An AutoAWQ GEMM checkpoint is written here, all at once or not at all.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/gui/settings_page.cpp" line="75"/>
        <source>Overwrite an existing folder</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/gui/settings_page.cpp" line="81"/>
        <source>Reset to defaults</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/gui/settings_page.cpp" line="93"/>
        <source>Output folder for the quantized model</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/gui/settings_page.cpp" line="139"/>
        <source>The result stays in memory; nothing is written.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/gui/settings_page.cpp" line="143"/>
        <source>only 4-bit models can be exported; choose 4 bits or clear the folder</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/gui/settings_page.cpp" line="146"/>
        <source>⚠ %1 exists and will be replaced.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/gui/settings_page.cpp" line="147"/>
        <source>✓ %1 will be created.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/gui/settings_page.cpp" line="150"/>
        <source>✗ %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>main</name>
    <message>
        <location filename="../app/gui/main.cpp" line="25"/>
        <source>Activation-aware 4-bit quantization of Llama-family models.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/gui/main.cpp" line="28"/>
        <source>Open this model folder (default: the bundled model).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/gui/main.cpp" line="29"/>
        <source>Open this AWQ report in Inspect.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/gui/main.cpp" line="30"/>
        <source>User interface language: en, de, zh_CN (default: the system&apos;s).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/gui/main.cpp" line="31"/>
        <source>Colour theme: system, light, dark.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/gui/main.cpp" line="32"/>
        <source>Walk through every step, save a screenshot of each into this folder and quit.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
</TS>
