<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="de">
<context>
    <name>awq::gui::CalibrationPage</name>
    <message>
        <location filename="../app/gui/calibration_page.cpp" line="42"/>
        <source>Calibration data</source>
        <translation>Kalibrierungsdaten</translation>
    </message>
    <message>
        <location filename="../app/gui/calibration_page.cpp" line="45"/>
        <source>AWQ measures which input channels carry large activations on this text. A few hundred short documents from the model&apos;s domain are enough.</source>
        <translation>AWQ misst, welche Eingangskanäle auf diesem Text große Aktivierungen tragen. Einige hundert kurze Dokumente aus dem Themengebiet des Modells genügen.</translation>
    </message>
    <message>
        <location filename="../app/gui/calibration_page.cpp" line="51"/>
        <source>Bundled corpus (biblical English derived from the public-domain World English Bible)</source>
        <translation>Mitgelieferter Korpus (biblisches Englisch, abgeleitet von der gemeinfreien World English Bible)</translation>
    </message>
    <message>
        <location filename="../app/gui/calibration_page.cpp" line="52"/>
        <source>Text from files:</source>
        <translation>Text aus Dateien:</translation>
    </message>
    <message>
        <location filename="../app/gui/calibration_page.cpp" line="60"/>
        <source>.txt (blank-line separated), .jsonl (&quot;text&quot; field) or a folder of .txt</source>
        <translation>.txt (durch Leerzeilen getrennt), .jsonl (Feld &quot;text&quot;) oder ein Ordner mit .txt</translation>
    </message>
    <message>
        <location filename="../app/gui/calibration_page.cpp" line="62"/>
        <source>Browse…</source>
        <translation>Durchsuchen…</translation>
    </message>
    <message>
        <location filename="../app/gui/calibration_page.cpp" line="64"/>
        <source>File…</source>
        <translation>Datei…</translation>
    </message>
    <message>
        <location filename="../app/gui/calibration_page.cpp" line="65"/>
        <source>Calibration file</source>
        <translation>Kalibrierungsdatei</translation>
    </message>
    <message>
        <location filename="../app/gui/calibration_page.cpp" line="65"/>
        <source>Text (*.txt *.jsonl)</source>
        <translation>Text (*.txt *.jsonl)</translation>
    </message>
    <message>
        <location filename="../app/gui/calibration_page.cpp" line="68"/>
        <source>Folder…</source>
        <translation>Ordner…</translation>
    </message>
    <message>
        <location filename="../app/gui/calibration_page.cpp" line="69"/>
        <source>Folder of .txt files</source>
        <translation>Ordner mit .txt-Dateien</translation>
    </message>
    <message>
        <location filename="../app/gui/calibration_page.cpp" line="79"/>
        <source>Documents taken from the corpus (AutoAWQ: 128)</source>
        <translation>Aus dem Korpus entnommene Dokumente (AutoAWQ: 128)</translation>
    </message>
    <message>
        <location filename="../app/gui/calibration_page.cpp" line="82"/>
        <source>Tokens per calibration block (AutoAWQ: 512)</source>
        <translation>Tokens je Kalibrierungsblock (AutoAWQ: 512)</translation>
    </message>
    <message>
        <location filename="../app/gui/calibration_page.cpp" line="83"/>
        <source>Samples</source>
        <translation>Stichproben</translation>
    </message>
    <message>
        <location filename="../app/gui/calibration_page.cpp" line="84"/>
        <source>Block length (tokens)</source>
        <translation>Blocklänge (Tokens)</translation>
    </message>
    <message>
        <location filename="../app/gui/calibration_page.cpp" line="87"/>
        <source>Preview</source>
        <translation>Vorschau</translation>
    </message>
    <message>
        <location filename="../app/gui/calibration_page.cpp" line="100"/>
        <source>The first document appears here.</source>
        <translation>Hier erscheint das erste Dokument.</translation>
    </message>
    <message>
        <location filename="../app/gui/calibration_page.cpp" line="133"/>
        <source>Reading and tokenizing …</source>
        <translation>Lese und tokenisiere …</translation>
    </message>
    <message>
        <location filename="../app/gui/calibration_page.cpp" line="146"/>
        <source>%1 documents read, %2 used, %3 skipped as longer than a block; %4 tokens → %5 blocks of %6 tokens.</source>
        <translation>%1 Dokumente gelesen, %2 verwendet, %3 übersprungen (länger als ein Block); %4 Tokens → %5 Blöcke zu %6 Tokens.</translation>
    </message>
    <message>
        <location filename="../app/gui/calibration_page.cpp" line="152"/>
        <source>Only %1 of the %2 samples asked for can be taken (%3 documents are longer than a block); they make %4 blocks.</source>
        <translation>Nur %1 der %2 gewünschten Stichproben sind verfügbar (%3 Dokumente sind länger als ein Block); sie ergeben %4 Blöcke.</translation>
    </message>
</context>
<context>
    <name>awq::gui::ChatPage</name>
    <message>
        <location filename="../app/gui/chat_page.cpp" line="24"/>
        <source>Original</source>
        <translation>Original</translation>
    </message>
    <message>
        <location filename="../app/gui/chat_page.cpp" line="26"/>
        <source>AWQ (INT4)</source>
        <translation>AWQ (INT4)</translation>
    </message>
    <message>
        <location filename="../app/gui/chat_page.cpp" line="36"/>
        <source>0 = greedy</source>
        <translation>0 = gierig (greedy)</translation>
    </message>
    <message>
        <location filename="../app/gui/chat_page.cpp" line="44"/>
        <source>Both sides sample with the same seed</source>
        <translation>Beide Seiten ziehen mit demselben Seed</translation>
    </message>
    <message>
        <location filename="../app/gui/chat_page.cpp" line="45"/>
        <source>Temperature</source>
        <translation>Temperatur</translation>
    </message>
    <message>
        <location filename="../app/gui/chat_page.cpp" line="47"/>
        <source>Top-p</source>
        <translation>Top-p</translation>
    </message>
    <message>
        <location filename="../app/gui/chat_page.cpp" line="49"/>
        <source>Max tokens</source>
        <translation>Max. Tokens</translation>
    </message>
    <message>
        <location filename="../app/gui/chat_page.cpp" line="51"/>
        <source>Seed</source>
        <translation>Seed</translation>
    </message>
    <message>
        <location filename="../app/gui/chat_page.cpp" line="64"/>
        <source>New conversation</source>
        <translation>Neues Gespräch</translation>
    </message>
    <message>
        <location filename="../app/gui/chat_page.cpp" line="71"/>
        <source>Message both models …</source>
        <translation>Nachricht an beide Modelle …</translation>
    </message>
    <message>
        <location filename="../app/gui/chat_page.cpp" line="72"/>
        <source>Send</source>
        <translation>Senden</translation>
    </message>
    <message>
        <location filename="../app/gui/chat_page.cpp" line="74"/>
        <source>Stop</source>
        <translation>Stopp</translation>
    </message>
    <message>
        <location filename="../app/gui/chat_page.cpp" line="100"/>
        <source>this session&apos;s AWQ result</source>
        <translation>AWQ-Ergebnis dieser Sitzung</translation>
    </message>
    <message>
        <location filename="../app/gui/chat_page.cpp" line="143"/>
        <location filename="../app/gui/chat_page.cpp" line="148"/>
        <source>Open model folder</source>
        <translation>Modellordner öffnen</translation>
    </message>
    <message>
        <location filename="../app/gui/chat_page.cpp" line="55"/>
        <source>Auto</source>
        <translation>Automatisch</translation>
    </message>
    <message>
        <location filename="../app/gui/chat_page.cpp" line="56"/>
        <source>CPU</source>
        <translation>CPU</translation>
    </message>
    <message>
        <location filename="../app/gui/chat_page.cpp" line="57"/>
        <source>GPU</source>
        <translation>GPU</translation>
    </message>
    <message>
        <location filename="../app/gui/chat_page.cpp" line="58"/>
        <source>Auto: the NVIDIA GPU when the CUDA plugin finds one, else the CPU</source>
        <translation>Automatisch: die NVIDIA-GPU, wenn das CUDA-Plugin eine findet, sonst die CPU</translation>
    </message>
    <message>
        <location filename="../app/gui/chat_page.cpp" line="61"/>
        <source>Device</source>
        <translation>Gerät</translation>
    </message>
</context>
<context>
    <name>awq::gui::ChatPane</name>
    <message>
        <location filename="../app/gui/chat_pane.cpp" line="29"/>
        <source>Load folder…</source>
        <translation>Ordner laden…</translation>
    </message>
    <message>
        <location filename="../app/gui/chat_pane.cpp" line="32"/>
        <location filename="../app/gui/chat_pane.cpp" line="60"/>
        <source>No model.</source>
        <translation>Kein Modell.</translation>
    </message>
    <message>
        <location filename="../app/gui/chat_pane.cpp" line="90"/>
        <source>%1
engine %2 · weights %3 · chat template: %4</source>
        <translation>%1
Engine %2 · Gewichte %3 · Chat-Vorlage: %4</translation>
    </message>
    <message>
        <location filename="../app/gui/chat_pane.cpp" line="106"/>
        <source>%1 tokens · %2 tokens/s · first token after %3 ms%4</source>
        <translation>%1 Tokens · %2 Tokens/s · erstes Token nach %3 ms%4</translation>
    </message>
    <message>
        <location filename="../app/gui/chat_pane.cpp" line="108"/>
        <source> · stopped</source>
        <translation> · angehalten</translation>
    </message>
    <message>
        <location filename="../app/gui/chat_pane.cpp" line="125"/>
        <source>generating …</source>
        <translation>erzeuge …</translation>
    </message>
    <message>
        <location filename="../app/gui/chat_pane.cpp" line="150"/>
        <source>You</source>
        <translation>Sie</translation>
    </message>
    <message>
        <location filename="../app/gui/chat_pane.cpp" line="150"/>
        <location filename="../app/gui/chat_pane.cpp" line="152"/>
        <source>Model</source>
        <translation>Modell</translation>
    </message>
    <message>
        <location filename="../app/gui/chat_pane.cpp" line="93"/>
        <source>Device: CPU</source>
        <translation>Gerät: CPU</translation>
    </message>
    <message>
        <location filename="../app/gui/chat_pane.cpp" line="25"/>
        <source>Show prompt</source>
        <translation>Prompt anzeigen</translation>
    </message>
    <message>
        <location filename="../app/gui/chat_pane.cpp" line="26"/>
        <source>The exact text and token ids this model is fed, rendered by its chat template</source>
        <translation>Der genaue Text und die Token-IDs, die dieses Modell erhält, erzeugt von seiner Chat-Vorlage</translation>
    </message>
    <message>
        <location filename="../app/gui/chat_pane.cpp" line="93"/>
        <source>Device: looking for the GPU …</source>
        <translation>Gerät: GPU wird gesucht …</translation>
    </message>
    <message>
        <location filename="../app/gui/chat_pane.cpp" line="95"/>
        <source>Device: %1</source>
        <translation>Gerät: %1</translation>
    </message>
    <message>
        <location filename="../app/gui/chat_pane.cpp" line="72"/>
        <source> — %1 % of weights INT4, rest %2</source>
        <translation> — %1 % der Gewichte INT4, Rest %2</translation>
    </message>
</context>
<context>
    <name>awq::gui::ChatWorker</name>
    <message>
        <location filename="../app/gui/chat_worker.cpp" line="45"/>
        <source>CPU</source>
        <translation>CPU</translation>
    </message>
    <message>
        <location filename="../app/gui/chat_worker.cpp" line="38"/>
        <source>GPU: %1 · %2, %3 on the GPU</source>
        <translation>GPU: %1 · %2, %3 auf der GPU</translation>
    </message>
    <message>
        <location filename="../app/gui/chat_worker.cpp" line="52"/>
        <source>CPU: the GPU was asked for but cannot be used: %1</source>
        <translation>CPU: die GPU wurde gewählt, ist aber nicht nutzbar: %1</translation>
    </message>
    <message>
        <location filename="../app/gui/chat_worker.cpp" line="53"/>
        <source>CPU (not on the GPU: %1)</source>
        <translation>CPU (nicht auf der GPU: %1)</translation>
    </message>
</context>
<context>
    <name>awq::gui::GroupFitText</name>
    <message>
        <location filename="../app/gui/group_fit_text.cpp" line="14"/>
        <source>%1 (%2 not a multiple of %3)</source>
        <translation>%1 (%2 ist kein Vielfaches von %3)</translation>
    </message>
    <message>
        <location filename="../app/gui/group_fit_text.cpp" line="19"/>
        <source>Group size %1 leaves %2 of %3 linears (%4 % of the decoder&apos;s weights) unquantized: %5.</source>
        <translation>Gruppengröße %1 lässt %2 von %3 linearen Schichten (%4 % der Decoder-Gewichte) unquantisiert: %5.</translation>
    </message>
</context>
<context>
    <name>awq::gui::InspectPage</name>
    <message>
        <location filename="../app/gui/inspect_page.cpp" line="23"/>
        <source>Inspect</source>
        <translation>Untersuchen</translation>
    </message>
    <message>
        <location filename="../app/gui/inspect_page.cpp" line="26"/>
        <source>No report yet: quantize a model or open a report (File → Open report).</source>
        <translation>Noch kein Bericht: Quantisieren Sie ein Modell oder öffnen Sie einen Bericht (Datei → Bericht öffnen).</translation>
    </message>
    <message>
        <location filename="../app/gui/inspect_page.cpp" line="34"/>
        <source>q/k/v input (after input_layernorm)</source>
        <translation>q/k/v-Eingang (nach input_layernorm)</translation>
    </message>
    <message>
        <location filename="../app/gui/inspect_page.cpp" line="35"/>
        <source>o_proj input (attention output)</source>
        <translation>o_proj-Eingang (Attention-Ausgabe)</translation>
    </message>
    <message>
        <location filename="../app/gui/inspect_page.cpp" line="36"/>
        <source>gate/up input (after post_attention_layernorm)</source>
        <translation>gate/up-Eingang (nach post_attention_layernorm)</translation>
    </message>
    <message>
        <location filename="../app/gui/inspect_page.cpp" line="37"/>
        <source>down_proj input (MLP hidden)</source>
        <translation>down_proj-Eingang (MLP intern)</translation>
    </message>
    <message>
        <location filename="../app/gui/inspect_page.cpp" line="39"/>
        <source>All layers (heatmap)</source>
        <translation>Alle Schichten (Heatmap)</translation>
    </message>
    <message>
        <location filename="../app/gui/inspect_page.cpp" line="40"/>
        <source>One layer</source>
        <translation>Eine Schicht</translation>
    </message>
    <message>
        <location filename="../app/gui/inspect_page.cpp" line="42"/>
        <source>layer </source>
        <translation>Schicht </translation>
    </message>
    <message>
        <location filename="../app/gui/inspect_page.cpp" line="43"/>
        <source>Linear group</source>
        <translation>Linear-Gruppe</translation>
    </message>
    <message>
        <location filename="../app/gui/inspect_page.cpp" line="48"/>
        <source>Export heatmap…</source>
        <translation>Heatmap exportieren…</translation>
    </message>
    <message>
        <location filename="../app/gui/inspect_page.cpp" line="49"/>
        <source>Export loss curve…</source>
        <translation>Verlustkurve exportieren…</translation>
    </message>
    <message>
        <location filename="../app/gui/inspect_page.cpp" line="103"/>
        <source>%1 of %2 · %3-bit, group %4 · calibration %5 blocks × %6 tokens · %7 s</source>
        <translation>%1 von %2 · %3 Bit, Gruppe %4 · Kalibrierung %5 Blöcke × %6 Tokens · %7 s</translation>
    </message>
    <message>
        <location filename="../app/gui/inspect_page.cpp" line="110"/>
        <source> · α grid&apos;s attention and MLP losses on the first %1 blocks</source>
        <translation> · Attention- und MLP-Verluste des α-Gitters auf den ersten %1 Blöcken</translation>
    </message>
    <message>
        <location filename="../app/gui/inspect_page.cpp" line="134"/>
        <location filename="../app/gui/inspect_page.cpp" line="137"/>
        <source>Export plot</source>
        <translation>Diagramm exportieren</translation>
    </message>
    <message>
        <location filename="../app/gui/inspect_page.cpp" line="134"/>
        <source>PNG image (*.png);;PDF document (*.pdf)</source>
        <translation>PNG-Bild (*.png);;PDF-Dokument (*.pdf)</translation>
    </message>
    <message>
        <location filename="../app/gui/inspect_page.cpp" line="137"/>
        <source>Could not write %1.</source>
        <translation>%1 konnte nicht geschrieben werden.</translation>
    </message>
</context>
<context>
    <name>awq::gui::LayerTableModel</name>
    <message>
        <location filename="../app/gui/layer_table_model.cpp" line="81"/>
        <source>—</source>
        <translation>—</translation>
    </message>
    <message>
        <location filename="../app/gui/layer_table_model.cpp" line="99"/>
        <source>Mean clip factor of the clipped linears (1 = no clipping)</source>
        <translation>Mittlerer Clip-Faktor der beschnittenen Linearschichten (1 = kein Beschnitt)</translation>
    </message>
    <message>
        <location filename="../app/gui/layer_table_model.cpp" line="100"/>
        <source>Share of weight groups whose range was clipped</source>
        <translation>Anteil der Gewichtsgruppen mit beschnittenem Bereich</translation>
    </message>
    <message>
        <location filename="../app/gui/layer_table_model.cpp" line="101"/>
        <source>Layer output MSE with round-to-nearest weights</source>
        <translation>MSE der Schichtausgabe mit gerundeten Gewichten (RTN)</translation>
    </message>
    <message>
        <location filename="../app/gui/layer_table_model.cpp" line="102"/>
        <source>Layer output MSE with this run&apos;s weights</source>
        <translation>MSE der Schichtausgabe mit den Gewichten dieses Laufs</translation>
    </message>
    <message>
        <location filename="../app/gui/layer_table_model.cpp" line="103"/>
        <source>AWQ error / RTN error (below 1 = AWQ helps)</source>
        <translation>AWQ-Fehler / RTN-Fehler (unter 1 = AWQ hilft)</translation>
    </message>
    <message>
        <location filename="../app/gui/layer_table_model.cpp" line="109"/>
        <source>Layer</source>
        <translation>Schicht</translation>
    </message>
    <message>
        <location filename="../app/gui/layer_table_model.cpp" line="110"/>
        <source>α qkv</source>
        <translation>α qkv</translation>
    </message>
    <message>
        <location filename="../app/gui/layer_table_model.cpp" line="111"/>
        <source>α o</source>
        <translation>α o</translation>
    </message>
    <message>
        <location filename="../app/gui/layer_table_model.cpp" line="112"/>
        <source>α gate/up</source>
        <translation>α gate/up</translation>
    </message>
    <message>
        <location filename="../app/gui/layer_table_model.cpp" line="113"/>
        <source>α down</source>
        <translation>α down</translation>
    </message>
    <message>
        <location filename="../app/gui/layer_table_model.cpp" line="114"/>
        <source>Clip factor</source>
        <translation>Clip-Faktor</translation>
    </message>
    <message>
        <location filename="../app/gui/layer_table_model.cpp" line="115"/>
        <source>Clipped</source>
        <translation>Beschnitten</translation>
    </message>
    <message>
        <location filename="../app/gui/layer_table_model.cpp" line="116"/>
        <source>RTN error</source>
        <translation>RTN-Fehler</translation>
    </message>
    <message>
        <location filename="../app/gui/layer_table_model.cpp" line="117"/>
        <source>AWQ error</source>
        <translation>AWQ-Fehler</translation>
    </message>
    <message>
        <location filename="../app/gui/layer_table_model.cpp" line="118"/>
        <source>AWQ / RTN</source>
        <translation>AWQ / RTN</translation>
    </message>
    <message>
        <location filename="../app/gui/layer_table_model.cpp" line="119"/>
        <source>Time (s)</source>
        <translation>Zeit (s)</translation>
    </message>
    <message>
        <location filename="../app/gui/layer_table_model.cpp" line="69"/>
        <source>not quantized (%1 not a multiple of %2)</source>
        <translation>nicht quantisiert (%1 ist kein Vielfaches von %2)</translation>
    </message>
</context>
<context>
    <name>awq::gui::LossCurvePlot</name>
    <message>
        <location filename="../app/gui/loss_curve_plot.cpp" line="15"/>
        <source>loss</source>
        <translation>Verlust</translation>
    </message>
    <message>
        <location filename="../app/gui/loss_curve_plot.cpp" line="19"/>
        <source>α = 0 (no scaling, as RTN)</source>
        <translation>α = 0 (keine Skalierung, wie RTN)</translation>
    </message>
    <message>
        <location filename="../app/gui/loss_curve_plot.cpp" line="23"/>
        <source>best α</source>
        <translation>bestes α</translation>
    </message>
    <message>
        <location filename="../app/gui/loss_curve_plot.cpp" line="26"/>
        <source>α (scale exponent)</source>
        <translation>α (Skalenexponent)</translation>
    </message>
    <message>
        <location filename="../app/gui/loss_curve_plot.cpp" line="27"/>
        <source>output MSE</source>
        <translation>Ausgabe-MSE</translation>
    </message>
    <message>
        <location filename="../app/gui/loss_curve_plot.cpp" line="43"/>
        <source>layer %1 · %2</source>
        <translation>Schicht %1 · %2</translation>
    </message>
    <message>
        <location filename="../app/gui/loss_curve_plot.cpp" line="44"/>
        <source>skipped: %1</source>
        <translation>übersprungen: %1</translation>
    </message>
    <message>
        <location filename="../app/gui/loss_curve_plot.cpp" line="45"/>
        <source>best α = %1</source>
        <translation>bestes α = %1</translation>
    </message>
</context>
<context>
    <name>awq::gui::MainWindow</name>
    <message>
        <location filename="../app/gui/main_window.cpp" line="23"/>
        <source>AWQ Studio</source>
        <translation>AWQ Studio</translation>
    </message>
    <message>
        <location filename="../app/gui/main_window.cpp" line="33"/>
        <source>1  Model</source>
        <translation>1  Modell</translation>
    </message>
    <message>
        <location filename="../app/gui/main_window.cpp" line="33"/>
        <source>Choose the model to quantize.</source>
        <translation>Wählen Sie das zu quantisierende Modell.</translation>
    </message>
    <message>
        <location filename="../app/gui/main_window.cpp" line="34"/>
        <source>2  Calibration</source>
        <translation>2  Kalibrierung</translation>
    </message>
    <message>
        <location filename="../app/gui/main_window.cpp" line="34"/>
        <source>Needs a model (its tokenizer cuts the text into blocks).</source>
        <translation>Benötigt ein Modell (sein Tokenizer zerlegt den Text in Blöcke).</translation>
    </message>
    <message>
        <location filename="../app/gui/main_window.cpp" line="35"/>
        <source>3  Settings</source>
        <translation>3  Einstellungen</translation>
    </message>
    <message>
        <location filename="../app/gui/main_window.cpp" line="35"/>
        <source>Needs a model.</source>
        <translation>Benötigt ein Modell.</translation>
    </message>
    <message>
        <location filename="../app/gui/main_window.cpp" line="36"/>
        <source>4  Quantize</source>
        <translation>4  Quantisieren</translation>
    </message>
    <message>
        <location filename="../app/gui/main_window.cpp" line="36"/>
        <source>Needs a model; calibration and settings have defaults.</source>
        <translation>Benötigt ein Modell; Kalibrierung und Einstellungen haben Standardwerte.</translation>
    </message>
    <message>
        <location filename="../app/gui/main_window.cpp" line="37"/>
        <source>5  Inspect</source>
        <translation>5  Untersuchen</translation>
    </message>
    <message>
        <location filename="../app/gui/main_window.cpp" line="37"/>
        <source>Needs a quantization result or a report (File → Open report).</source>
        <translation>Benötigt ein Quantisierungsergebnis oder einen Bericht (Datei → Bericht öffnen).</translation>
    </message>
    <message>
        <location filename="../app/gui/main_window.cpp" line="38"/>
        <source>6  Chat</source>
        <translation>6  Chat</translation>
    </message>
    <message>
        <location filename="../app/gui/main_window.cpp" line="38"/>
        <source>Needs a model; the AWQ side needs a result or an AWQ folder.</source>
        <translation>Benötigt ein Modell; die AWQ-Seite braucht ein Ergebnis oder einen AWQ-Ordner.</translation>
    </message>
    <message>
        <location filename="../app/gui/main_window.cpp" line="58"/>
        <source>Ready</source>
        <translation>Bereit</translation>
    </message>
    <message>
        <location filename="../app/gui/main_window.cpp" line="63"/>
        <source>Model: %1</source>
        <translation>Modell: %1</translation>
    </message>
    <message>
        <location filename="../app/gui/main_window.cpp" line="64"/>
        <source>Quantization finished</source>
        <translation>Quantisierung abgeschlossen</translation>
    </message>
    <message>
        <location filename="../app/gui/main_window.cpp" line="71"/>
        <source>&amp;File</source>
        <translation>&amp;Datei</translation>
    </message>
    <message>
        <location filename="../app/gui/main_window.cpp" line="72"/>
        <source>Open &amp;model folder…</source>
        <translation>&amp;Modellordner öffnen…</translation>
    </message>
    <message>
        <location filename="../app/gui/main_window.cpp" line="73"/>
        <source>Open model folder</source>
        <translation>Modellordner öffnen</translation>
    </message>
    <message>
        <location filename="../app/gui/main_window.cpp" line="76"/>
        <source>Open &amp;report…</source>
        <translation>&amp;Bericht öffnen…</translation>
    </message>
    <message>
        <location filename="../app/gui/main_window.cpp" line="76"/>
        <source>Ctrl+R</source>
        <translation>Ctrl+R</translation>
    </message>
    <message>
        <location filename="../app/gui/main_window.cpp" line="77"/>
        <location filename="../app/gui/main_window.cpp" line="123"/>
        <source>Open report</source>
        <translation>Bericht öffnen</translation>
    </message>
    <message>
        <location filename="../app/gui/main_window.cpp" line="77"/>
        <source>AWQ report (*.json)</source>
        <translation>AWQ-Bericht (*.json)</translation>
    </message>
    <message>
        <location filename="../app/gui/main_window.cpp" line="81"/>
        <source>&amp;Preferences…</source>
        <translation>&amp;Einstellungen…</translation>
    </message>
    <message>
        <location filename="../app/gui/main_window.cpp" line="83"/>
        <source>&amp;Quit</source>
        <translation>&amp;Beenden</translation>
    </message>
    <message>
        <location filename="../app/gui/main_window.cpp" line="84"/>
        <source>&amp;Help</source>
        <translation>&amp;Hilfe</translation>
    </message>
    <message>
        <location filename="../app/gui/main_window.cpp" line="85"/>
        <source>&amp;About AWQ Studio</source>
        <translation>Ü&amp;ber AWQ Studio</translation>
    </message>
    <message>
        <location filename="../app/gui/main_window.cpp" line="86"/>
        <source>About AWQ Studio</source>
        <translation>Über AWQ Studio</translation>
    </message>
    <message>
        <location filename="../app/gui/main_window.cpp" line="87"/>
        <source>&lt;b&gt;AWQ Studio %1&lt;/b&gt;&lt;br&gt;Activation-aware 4-bit weight quantization (Lin et al., MLSys 2024) for Llama-family models.</source>
        <translation>&lt;b&gt;AWQ Studio %1&lt;/b&gt;&lt;br&gt;Aktivierungsbewusste 4-Bit-Gewichtsquantisierung (Lin et al., MLSys 2024) für Modelle der Llama-Familie.</translation>
    </message>
    <message>
        <location filename="../app/gui/main_window.cpp" line="120"/>
        <source>Report: %1</source>
        <translation>Bericht: %1</translation>
    </message>
</context>
<context>
    <name>awq::gui::ModelPage</name>
    <message>
        <location filename="../app/gui/model_page.cpp" line="37"/>
        <source>Models</source>
        <translation>Modelle</translation>
    </message>
    <message>
        <location filename="../app/gui/model_page.cpp" line="43"/>
        <source>Open folder…</source>
        <translation>Ordner öffnen…</translation>
    </message>
    <message>
        <location filename="../app/gui/model_page.cpp" line="49"/>
        <source>Selected model</source>
        <translation>Ausgewähltes Modell</translation>
    </message>
    <message>
        <location filename="../app/gui/model_page.cpp" line="52"/>
        <location filename="../app/gui/model_page.cpp" line="112"/>
        <source>No model selected.</source>
        <translation>Kein Modell ausgewählt.</translation>
    </message>
    <message>
        <location filename="../app/gui/model_page.cpp" line="84"/>
        <source>tiny-llama-kjv (bundled)</source>
        <translation>tiny-llama-kjv (mitgeliefert)</translation>
    </message>
    <message>
        <location filename="../app/gui/model_page.cpp" line="84"/>
        <source>bundled with AWQ Studio</source>
        <translation>mit AWQ Studio geliefert</translation>
    </message>
    <message>
        <location filename="../app/gui/model_page.cpp" line="85"/>
        <source>recently used</source>
        <translation>zuletzt verwendet</translation>
    </message>
    <message>
        <location filename="../app/gui/model_page.cpp" line="87"/>
        <source>Hugging Face cache</source>
        <translation>Hugging-Face-Cache</translation>
    </message>
    <message>
        <location filename="../app/gui/model_page.cpp" line="91"/>
        <source>Open model folder</source>
        <translation>Modellordner öffnen</translation>
    </message>
    <message>
        <location filename="../app/gui/model_page.cpp" line="101"/>
        <source>Loading %1 …</source>
        <translation>Lade %1 …</translation>
    </message>
    <message>
        <location filename="../app/gui/model_page.cpp" line="109"/>
        <source>This folder cannot be used:
%1</source>
        <translation>Dieser Ordner kann nicht verwendet werden:
%1</translation>
    </message>
    <message>
        <location filename="../app/gui/model_page.cpp" line="111"/>
        <source>Still using %1.</source>
        <translation>Weiterhin wird %1 verwendet.</translation>
    </message>
    <message>
        <location filename="../app/gui/model_page.cpp" line="135"/>
        <source>Architecture</source>
        <translation>Architektur</translation>
    </message>
    <message>
        <location filename="../app/gui/model_page.cpp" line="136"/>
        <source>Layers</source>
        <translation>Schichten</translation>
    </message>
    <message>
        <location filename="../app/gui/model_page.cpp" line="137"/>
        <source>Hidden size</source>
        <translation>Verborgene Dimension</translation>
    </message>
    <message>
        <location filename="../app/gui/model_page.cpp" line="138"/>
        <source>Parameters</source>
        <translation>Parameter</translation>
    </message>
    <message>
        <location filename="../app/gui/model_page.cpp" line="139"/>
        <source>Data type</source>
        <translation>Datentyp</translation>
    </message>
    <message>
        <location filename="../app/gui/model_page.cpp" line="140"/>
        <source>Size on disk</source>
        <translation>Größe auf der Festplatte</translation>
    </message>
    <message>
        <location filename="../app/gui/model_page.cpp" line="141"/>
        <source>Memory at FP16</source>
        <translation>Speicher bei FP16</translation>
    </message>
    <message>
        <location filename="../app/gui/model_page.cpp" line="142"/>
        <source>Memory at INT4 (estimate)</source>
        <translation>Speicher bei INT4 (geschätzt)</translation>
    </message>
    <message>
        <location filename="../app/gui/model_page.cpp" line="143"/>
        <source>Tokenizer</source>
        <translation>Tokenizer</translation>
    </message>
    <message>
        <location filename="../app/gui/model_page.cpp" line="144"/>
        <source>Chat template</source>
        <translation>Chat-Vorlage</translation>
    </message>
    <message>
        <location filename="../app/gui/model_page.cpp" line="145"/>
        <source>AWQ-quantized</source>
        <translation>AWQ-quantisiert</translation>
    </message>
    <message>
        <location filename="../app/gui/model_page.cpp" line="145"/>
        <source>yes, %1-bit, group size %2</source>
        <translation>ja, %1 Bit, Gruppengröße %2</translation>
    </message>
    <message>
        <location filename="../app/gui/model_page.cpp" line="146"/>
        <source>no</source>
        <translation>nein</translation>
    </message>
    <message>
        <location filename="../app/gui/model_page.cpp" line="147"/>
        <source>Note</source>
        <translation>Hinweis</translation>
    </message>
</context>
<context>
    <name>awq::gui::PreferencesDialog</name>
    <message>
        <location filename="../app/gui/preferences_dialog.cpp" line="14"/>
        <source>Preferences</source>
        <translation>Einstellungen</translation>
    </message>
    <message>
        <location filename="../app/gui/preferences_dialog.cpp" line="17"/>
        <source>System language</source>
        <translation>Systemsprache</translation>
    </message>
    <message>
        <location filename="../app/gui/preferences_dialog.cpp" line="21"/>
        <source>Follow the system</source>
        <translation>Wie das System</translation>
    </message>
    <message>
        <location filename="../app/gui/preferences_dialog.cpp" line="22"/>
        <source>Light</source>
        <translation>Hell</translation>
    </message>
    <message>
        <location filename="../app/gui/preferences_dialog.cpp" line="23"/>
        <source>Dark</source>
        <translation>Dunkel</translation>
    </message>
    <message>
        <location filename="../app/gui/preferences_dialog.cpp" line="25"/>
        <location filename="../app/gui/preferences_dialog.cpp" line="40"/>
        <source>Language</source>
        <translation>Sprache</translation>
    </message>
    <message>
        <location filename="../app/gui/preferences_dialog.cpp" line="26"/>
        <source>A new language applies when AWQ Studio starts again.</source>
        <translation>Eine neue Sprache gilt ab dem nächsten Start von AWQ Studio.</translation>
    </message>
    <message>
        <location filename="../app/gui/preferences_dialog.cpp" line="27"/>
        <source>Theme</source>
        <translation>Farbschema</translation>
    </message>
    <message>
        <location filename="../app/gui/preferences_dialog.cpp" line="40"/>
        <source>Restart AWQ Studio to use the new language.</source>
        <translation>Starten Sie AWQ Studio neu, um die neue Sprache zu verwenden.</translation>
    </message>
</context>
<context>
    <name>awq::gui::PromptDialog</name>
    <message>
        <location filename="../app/gui/prompt_dialog.cpp" line="16"/>
        <source>Prompt fed to the model</source>
        <translation>Prompt, den das Modell erhält</translation>
    </message>
    <message>
        <location filename="../app/gui/prompt_dialog.cpp" line="28"/>
        <source>Token ids:</source>
        <translation>Token-IDs:</translation>
    </message>
    <message>
        <location filename="../app/gui/prompt_dialog.cpp" line="44"/>
        <source>Chat template: %1.</source>
        <translation>Chat-Vorlage: %1.</translation>
    </message>
    <message>
        <location filename="../app/gui/prompt_dialog.cpp" line="45"/>
        <source>No usable chat template: %1</source>
        <translation>Keine verwendbare Chat-Vorlage: %1</translation>
    </message>
    <message>
        <location filename="../app/gui/prompt_dialog.cpp" line="47"/>
        <source>No message yet: the prompt appears after the first message.</source>
        <translation>Noch keine Nachricht: Der Prompt erscheint nach der ersten Nachricht.</translation>
    </message>
    <message numerus="yes">
        <location filename="../app/gui/prompt_dialog.cpp" line="57"/>
        <source>%n token(s).</source>
        <translation>
            <numerusform>%n Token.</numerusform>
            <numerusform>%n Token.</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../app/gui/prompt_dialog.cpp" line="59"/>
        <source>The template could not render this conversation: %1</source>
        <translation>Die Vorlage konnte diese Unterhaltung nicht darstellen: %1</translation>
    </message>
</context>
<context>
    <name>awq::gui::QuantizePage</name>
    <message>
        <location filename="../app/gui/quantize_page.cpp" line="27"/>
        <source>Reading calibration data</source>
        <translation>Kalibrierungsdaten lesen</translation>
    </message>
    <message>
        <location filename="../app/gui/quantize_page.cpp" line="28"/>
        <source>Capturing activations</source>
        <translation>Aktivierungen erfassen</translation>
    </message>
    <message>
        <location filename="../app/gui/quantize_page.cpp" line="29"/>
        <source>Searching scales</source>
        <translation>Suche Skalen</translation>
    </message>
    <message>
        <location filename="../app/gui/quantize_page.cpp" line="30"/>
        <source>Searching clipping</source>
        <translation>Suche Beschnitt</translation>
    </message>
    <message>
        <location filename="../app/gui/quantize_page.cpp" line="31"/>
        <source>Quantizing</source>
        <translation>Quantisiere</translation>
    </message>
    <message>
        <location filename="../app/gui/quantize_page.cpp" line="32"/>
        <source>Measuring the error</source>
        <translation>Fehler messen</translation>
    </message>
    <message>
        <location filename="../app/gui/quantize_page.cpp" line="33"/>
        <source>Writing the checkpoint</source>
        <translation>Checkpoint schreiben</translation>
    </message>
    <message>
        <location filename="../app/gui/quantize_page.cpp" line="34"/>
        <source>Done</source>
        <translation>Fertig</translation>
    </message>
    <message>
        <location filename="../app/gui/quantize_page.cpp" line="50"/>
        <source>Quantize</source>
        <translation>Quantisieren</translation>
    </message>
    <message>
        <location filename="../app/gui/quantize_page.cpp" line="54"/>
        <source>Start quantization</source>
        <translation>Quantisierung starten</translation>
    </message>
    <message>
        <location filename="../app/gui/quantize_page.cpp" line="56"/>
        <source>Cancel</source>
        <translation>Abbrechen</translation>
    </message>
    <message>
        <location filename="../app/gui/quantize_page.cpp" line="83"/>
        <source>layer</source>
        <translation>Schicht</translation>
    </message>
    <message>
        <location filename="../app/gui/quantize_page.cpp" line="84"/>
        <source>Not started.</source>
        <translation>Nicht gestartet.</translation>
    </message>
    <message>
        <location filename="../app/gui/quantize_page.cpp" line="90"/>
        <source>Overall</source>
        <translation>Gesamt</translation>
    </message>
    <message>
        <location filename="../app/gui/quantize_page.cpp" line="92"/>
        <source>Layer</source>
        <translation>Schicht</translation>
    </message>
    <message>
        <location filename="../app/gui/quantize_page.cpp" line="152"/>
        <source>Quantizing %1: %2-bit, group size %3, %4 grid points, calibration %5 × %6 tokens</source>
        <translation>Quantisiere %1: %2 Bit, Gruppengröße %3, %4 Gitterpunkte, Kalibrierung %5 × %6 Tokens</translation>
    </message>
    <message>
        <location filename="../app/gui/quantize_page.cpp" line="162"/>
        <source>The α grid&apos;s attention and MLP losses run on the first %1 calibration blocks.</source>
        <translation>Die Attention- und MLP-Verluste des α-Gitters laufen auf den ersten %1 Kalibrierblöcken.</translation>
    </message>
    <message>
        <location filename="../app/gui/quantize_page.cpp" line="200"/>
        <source>Cancelling …</source>
        <translation>Breche ab …</translation>
    </message>
    <message>
        <location filename="../app/gui/quantize_page.cpp" line="219"/>
        <source>layer %1 of %2</source>
        <translation>Schicht %1 von %2</translation>
    </message>
    <message>
        <location filename="../app/gui/quantize_page.cpp" line="224"/>
        <source>Elapsed %1 · remaining %2</source>
        <translation>Vergangen %1 · verbleibend %2</translation>
    </message>
    <message>
        <location filename="../app/gui/quantize_page.cpp" line="224"/>
        <source>…</source>
        <translation>…</translation>
    </message>
    <message>
        <location filename="../app/gui/quantize_page.cpp" line="226"/>
        <source>layer %1 · %2 (searching)</source>
        <translation>Schicht %1 · %2 (Suche läuft)</translation>
    </message>
    <message>
        <location filename="../app/gui/quantize_page.cpp" line="230"/>
        <source>Layer %1 of %2</source>
        <translation>Schicht %1 von %2</translation>
    </message>
    <message>
        <location filename="../app/gui/quantize_page.cpp" line="157"/>
        <location filename="../app/gui/quantize_page.cpp" line="243"/>
        <source>Warning: %1</source>
        <translation>Warnung: %1</translation>
    </message>
    <message>
        <location filename="../app/gui/quantize_page.cpp" line="253"/>
        <source>Done in %1 s.</source>
        <translation>Fertig in %1 s.</translation>
    </message>
    <message>
        <location filename="../app/gui/quantize_page.cpp" line="259"/>
        <source>Written to %1: %2 (the original: %3).</source>
        <translation>Geschrieben nach %1: %2 (das Original: %3).</translation>
    </message>
    <message>
        <location filename="../app/gui/quantize_page.cpp" line="262"/>
        <source>Kept in memory (no output folder); weights in memory: %1 before, %2 after.</source>
        <translation>Im Speicher behalten (kein Ausgabeordner); Gewichte im Speicher: vorher %1, nachher %2.</translation>
    </message>
    <message>
        <location filename="../app/gui/quantize_page.cpp" line="264"/>
        <source>—</source>
        <translation>—</translation>
    </message>
    <message>
        <location filename="../app/gui/quantize_page.cpp" line="279"/>
        <source>Failed</source>
        <translation>Fehlgeschlagen</translation>
    </message>
    <message>
        <location filename="../app/gui/quantize_page.cpp" line="282"/>
        <source>Quantization failed: %1</source>
        <translation>Quantisierung fehlgeschlagen: %1</translation>
    </message>
    <message>
        <location filename="../app/gui/quantize_page.cpp" line="289"/>
        <source>Cancelled</source>
        <translation>Abgebrochen</translation>
    </message>
    <message>
        <location filename="../app/gui/quantize_page.cpp" line="298"/>
        <source>Cancelled; nothing was written.</source>
        <translation>Abgebrochen; nichts wurde geschrieben.</translation>
    </message>
    <message>
        <location filename="../app/gui/quantize_page.cpp" line="139"/>
        <source>Not started: the interrupted run in %1 was kept.</source>
        <translation>Nicht gestartet: Der unterbrochene Lauf in %1 wurde behalten.</translation>
    </message>
    <message>
        <location filename="../app/gui/quantize_page.cpp" line="164"/>
        <source>Resuming the interrupted run: %1 of %2 layers were already done.</source>
        <translation>Der unterbrochene Lauf wird fortgesetzt: %1 von %2 Schichten waren bereits fertig.</translation>
    </message>
    <message>
        <location filename="../app/gui/quantize_page.cpp" line="166"/>
        <source>Resuming the interrupted run.</source>
        <translation>Der unterbrochene Lauf wird fortgesetzt.</translation>
    </message>
    <message>
        <location filename="../app/gui/quantize_page.cpp" line="168"/>
        <source>Discarding the interrupted run in %1.</source>
        <translation>Der unterbrochene Lauf in %1 wird verworfen.</translation>
    </message>
    <message>
        <location filename="../app/gui/quantize_page.cpp" line="177"/>
        <source>%1 of %2 layers are done.</source>
        <translation>%1 von %2 Schichten sind fertig.</translation>
    </message>
    <message>
        <location filename="../app/gui/quantize_page.cpp" line="178"/>
        <source>How far it got could not be read.</source>
        <translation>Wie weit er gekommen ist, ließ sich nicht lesen.</translation>
    </message>
    <message>
        <location filename="../app/gui/quantize_page.cpp" line="179"/>
        <source>Interrupted quantization</source>
        <translation>Unterbrochene Quantisierung</translation>
    </message>
    <message>
        <location filename="../app/gui/quantize_page.cpp" line="180"/>
        <source>An interrupted quantization into %1 was found. %2</source>
        <translation>Eine unterbrochene Quantisierung nach %1 wurde gefunden. %2</translation>
    </message>
    <message>
        <location filename="../app/gui/quantize_page.cpp" line="183"/>
        <source>Resume continues from the last finished layer and gives the same model as an uninterrupted run; it needs the same model, settings and calibration as before. Start over discards the saved layers.</source>
        <translation>„Fortsetzen“ macht bei der letzten fertigen Schicht weiter und ergibt dasselbe Modell wie ein ununterbrochener Lauf; dafür braucht es dasselbe Modell, dieselben Einstellungen und dieselbe Kalibrierung wie zuvor. „Neu beginnen“ verwirft die gespeicherten Schichten.</translation>
    </message>
    <message>
        <location filename="../app/gui/quantize_page.cpp" line="186"/>
        <source>Resume</source>
        <translation>Fortsetzen</translation>
    </message>
    <message>
        <location filename="../app/gui/quantize_page.cpp" line="188"/>
        <source>Start over</source>
        <translation>Neu beginnen</translation>
    </message>
    <message>
        <location filename="../app/gui/quantize_page.cpp" line="229"/>
        <source>Layer %1 of %2: taken from the interrupted run</source>
        <translation>Schicht %1 von %2: aus dem unterbrochenen Lauf übernommen</translation>
    </message>
    <message>
        <location filename="../app/gui/quantize_page.cpp" line="294"/>
        <source>Cancelled; no model was written. %1 of %2 layers are done and kept in %3: start again and choose Resume to continue.</source>
        <translation>Abgebrochen; es wurde kein Modell geschrieben. %1 von %2 Schichten sind fertig und in %3 aufbewahrt: Starten Sie erneut und wählen Sie „Fortsetzen“, um weiterzumachen.</translation>
    </message>
    <message>
        <location filename="../app/gui/quantize_page.cpp" line="61"/>
        <source>Auto</source>
        <translation>Automatisch</translation>
    </message>
    <message>
        <location filename="../app/gui/quantize_page.cpp" line="62"/>
        <source>CPU</source>
        <translation>CPU</translation>
    </message>
    <message>
        <location filename="../app/gui/quantize_page.cpp" line="63"/>
        <source>GPU</source>
        <translation>GPU</translation>
    </message>
    <message>
        <location filename="../app/gui/quantize_page.cpp" line="64"/>
        <source>Where the AWQ search runs. Auto: the NVIDIA GPU when the CUDA plugin finds one, else the CPU</source>
        <translation>Wo die AWQ-Suche läuft. Automatisch: die NVIDIA-GPU, wenn das CUDA-Plugin eine findet, sonst die CPU</translation>
    </message>
    <message>
        <location filename="../app/gui/quantize_page.cpp" line="70"/>
        <source>Device</source>
        <translation>Gerät</translation>
    </message>
    <message>
        <location filename="../app/gui/quantize_page.cpp" line="150"/>
        <source>Device: CPU</source>
        <translation>Gerät: CPU</translation>
    </message>
    <message>
        <location filename="../app/gui/quantize_page.cpp" line="150"/>
        <source>Device: looking for the GPU …</source>
        <translation>Gerät: GPU wird gesucht …</translation>
    </message>
    <message>
        <location filename="../app/gui/quantize_page.cpp" line="214"/>
        <location filename="../app/gui/quantize_page.cpp" line="255"/>
        <source>Device: %1</source>
        <translation>Gerät: %1</translation>
    </message>
    <message>
        <location filename="../app/gui/quantize_page.cpp" line="256"/>
        <source>Device: %1.</source>
        <translation>Gerät: %1.</translation>
    </message>
    <message>
        <location filename="../app/gui/quantize_page.cpp" line="158"/>
        <source>Group size %1 would quantize them all (Settings).</source>
        <translation>Gruppengröße %1 würde sie alle quantisieren (Einstellungen).</translation>
    </message>
    <message>
        <location filename="../app/gui/quantize_page.cpp" line="248"/>
        <source>Group %1 in every layer: not quantized (%2 not a multiple of %3), kept in floating point.</source>
        <translation>Gruppe %1 in jeder Schicht: nicht quantisiert (%2 ist kein Vielfaches von %3), bleibt in Gleitkomma.</translation>
    </message>
</context>
<context>
    <name>awq::gui::QuantizeWorker</name>
    <message>
        <location filename="../app/gui/quantize_worker.cpp" line="37"/>
        <source>unknown error</source>
        <translation>unbekannter Fehler</translation>
    </message>
    <message>
        <location filename="../app/gui/quantize_worker.cpp" line="77"/>
        <source>only 4-bit models can be exported; choose 4 bits or clear the output folder</source>
        <translation>nur 4-Bit-Modelle können exportiert werden; wählen Sie 4 Bit oder lassen Sie den Ausgabeordner leer</translation>
    </message>
    <message>
        <location filename="../app/gui/quantize_worker.cpp" line="194"/>
        <source>%1: could not discard the interrupted run: %2</source>
        <translation>%1: Der unterbrochene Lauf konnte nicht verworfen werden: %2</translation>
    </message>
    <message>
        <location filename="../app/gui/quantize_worker.cpp" line="199"/>
        <source>%1: an interrupted quantization was found there; start again and choose Resume or Start over</source>
        <translation>%1: Dort wurde eine unterbrochene Quantisierung gefunden; starten Sie erneut und wählen Sie „Fortsetzen“ oder „Neu beginnen“</translation>
    </message>
    <message>
        <location filename="../app/gui/quantize_worker.cpp" line="203"/>
        <source>%1 cannot be resumed: it belongs to a different run (the model, the AWQ settings or the calibration data differ). Choose the same ones as before, or start again and choose Start over to discard it.</source>
        <translation>%1 kann nicht fortgesetzt werden: Es gehört zu einem anderen Lauf (das Modell, die AWQ-Einstellungen oder die Kalibrierungsdaten unterscheiden sich). Wählen Sie dieselben wie zuvor, oder starten Sie erneut und wählen Sie „Neu beginnen“, um ihn zu verwerfen.</translation>
    </message>
    <message>
        <location filename="../app/gui/quantize_worker.cpp" line="163"/>
        <source>unknown device &apos;%1&apos; (auto, cpu or cuda)</source>
        <translation>unbekanntes Gerät „%1“ (auto, cpu oder cuda)</translation>
    </message>
    <message>
        <location filename="../app/gui/quantize_worker.cpp" line="175"/>
        <source>CPU</source>
        <translation>CPU</translation>
    </message>
    <message>
        <location filename="../app/gui/quantize_worker.cpp" line="168"/>
        <source>GPU: %1</source>
        <translation>GPU: %1</translation>
    </message>
    <message>
        <location filename="../app/gui/quantize_worker.cpp" line="171"/>
        <source>the GPU was asked for but cannot be used: %1</source>
        <translation>die GPU wurde gewählt, ist aber nicht nutzbar: %1</translation>
    </message>
    <message>
        <location filename="../app/gui/quantize_worker.cpp" line="173"/>
        <source>CPU (not on the GPU: %1)</source>
        <translation>CPU (nicht auf der GPU: %1)</translation>
    </message>
</context>
<context>
    <name>awq::gui::SaliencyHeatmap</name>
    <message>
        <location filename="../app/gui/saliency_heatmap.cpp" line="33"/>
        <source>mean |x|</source>
        <translation>Mittel |x|</translation>
    </message>
    <message>
        <location filename="../app/gui/saliency_heatmap.cpp" line="45"/>
        <source>top 1 % channels</source>
        <translation>oberste 1 % der Kanäle</translation>
    </message>
    <message>
        <location filename="../app/gui/saliency_heatmap.cpp" line="48"/>
        <source>input channel</source>
        <translation>Eingangskanal</translation>
    </message>
    <message>
        <location filename="../app/gui/saliency_heatmap.cpp" line="49"/>
        <location filename="../app/gui/saliency_heatmap.cpp" line="101"/>
        <source>layer</source>
        <translation>Schicht</translation>
    </message>
    <message>
        <location filename="../app/gui/saliency_heatmap.cpp" line="110"/>
        <source>mean |x| (layer %1)</source>
        <translation>Mittel |x| (Schicht %1)</translation>
    </message>
    <message>
        <location filename="../app/gui/saliency_heatmap.cpp" line="122"/>
        <source>layer %1, channel %2
mean |x| = %3</source>
        <translation>Schicht %1, Kanal %2
Mittel |x| = %3</translation>
    </message>
</context>
<context>
    <name>awq::gui::ScreenshotTour</name>
    <message>
        <location filename="../app/gui/screenshot_tour.cpp" line="84"/>
        <source>Who made the heaven and the earth?</source>
        <translation>Who made the heaven and the earth?</translation>
    </message>
</context>
<context>
    <name>awq::gui::SettingsPage</name>
    <message>
        <location filename="../app/gui/settings_page.cpp" line="42"/>
        <source>Quantization settings</source>
        <translation>Quantisierungseinstellungen</translation>
    </message>
    <message>
        <location filename="../app/gui/settings_page.cpp" line="47"/>
        <source>%1 bits</source>
        <translation>%1 Bit</translation>
    </message>
    <message>
        <location filename="../app/gui/settings_page.cpp" line="48"/>
        <source>Bits</source>
        <translation>Bits</translation>
    </message>
    <message>
        <location filename="../app/gui/settings_page.cpp" line="48"/>
        <source>Default 4. Only 4-bit results can be exported for vLLM / transformers.</source>
        <translation>Standard 4. Nur 4-Bit-Ergebnisse lassen sich für vLLM / transformers exportieren.</translation>
    </message>
    <message>
        <location filename="../app/gui/settings_page.cpp" line="50"/>
        <source>per channel</source>
        <translation>je Kanal</translation>
    </message>
    <message>
        <location filename="../app/gui/settings_page.cpp" line="67"/>
        <source>Group size</source>
        <translation>Gruppengröße</translation>
    </message>
    <message>
        <location filename="../app/gui/settings_page.cpp" line="55"/>
        <source>Default 128. Weights sharing one scale and zero point.</source>
        <translation>Standard 128. Gewichte, die sich Skala und Nullpunkt teilen.</translation>
    </message>
    <message>
        <location filename="../app/gui/settings_page.cpp" line="68"/>
        <source>Asymmetric (zero point)</source>
        <translation>Asymmetrisch (Nullpunkt)</translation>
    </message>
    <message>
        <location filename="../app/gui/settings_page.cpp" line="69"/>
        <source>Zero point</source>
        <translation>Nullpunkt</translation>
    </message>
    <message>
        <location filename="../app/gui/settings_page.cpp" line="69"/>
        <source>Default on. A per-group offset fits skewed weight ranges.</source>
        <translation>Standard an. Ein Versatz je Gruppe passt zu schiefen Wertebereichen.</translation>
    </message>
    <message>
        <location filename="../app/gui/settings_page.cpp" line="70"/>
        <source>Search a clipping range</source>
        <translation>Einen Beschnittbereich suchen</translation>
    </message>
    <message>
        <location filename="../app/gui/settings_page.cpp" line="71"/>
        <source>Clip search</source>
        <translation>Clip-Suche</translation>
    </message>
    <message>
        <location filename="../app/gui/settings_page.cpp" line="71"/>
        <source>Default on. Shrinks each group&apos;s range where that lowers the output error.</source>
        <translation>Standard an. Verkleinert den Bereich jeder Gruppe, wo das den Ausgabefehler senkt.</translation>
    </message>
    <message>
        <location filename="../app/gui/settings_page.cpp" line="74"/>
        <source>Auto (on below 4 bits)</source>
        <translation>Automatisch (unter 4 Bit an)</translation>
    </message>
    <message>
        <location filename="../app/gui/settings_page.cpp" line="75"/>
        <source>On</source>
        <translation>An</translation>
    </message>
    <message>
        <location filename="../app/gui/settings_page.cpp" line="76"/>
        <source>Off (AutoAWQ&apos;s clip search)</source>
        <translation>Aus (Clip-Suche von AutoAWQ)</translation>
    </message>
    <message>
        <location filename="../app/gui/settings_page.cpp" line="77"/>
        <source>Clip row check</source>
        <translation>Zeilenprüfung der Clip-Suche</translation>
    </message>
    <message>
        <location filename="../app/gui/settings_page.cpp" line="78"/>
        <source>Default auto. A row keeps its clipping only if that lowers the row&apos;s whole output error.</source>
        <translation>Standard automatisch. Eine Zeile behält ihren Beschnitt nur, wenn er den gesamten Ausgabefehler der Zeile senkt.</translation>
    </message>
    <message>
        <location filename="../app/gui/settings_page.cpp" line="79"/>
        <source>Scale by activations and weights</source>
        <translation>Nach Aktivierungen und Gewichten skalieren</translation>
    </message>
    <message>
        <location filename="../app/gui/settings_page.cpp" line="80"/>
        <source>Duo scaling</source>
        <translation>Duo-Skalierung</translation>
    </message>
    <message>
        <location filename="../app/gui/settings_page.cpp" line="80"/>
        <source>Default on. s = x^α / w^(1−α) instead of x^α alone.</source>
        <translation>Standard an. s = x^α / w^(1−α) statt nur x^α.</translation>
    </message>
    <message>
        <location filename="../app/gui/settings_page.cpp" line="83"/>
        <source>Grid points</source>
        <translation>Gitterpunkte</translation>
    </message>
    <message>
        <location filename="../app/gui/settings_page.cpp" line="83"/>
        <source>Default 20. Values of α tried per group: 0, 1/n, …, (n−1)/n.</source>
        <translation>Standard 20. Je Gruppe geprüfte α-Werte: 0, 1/n, …, (n−1)/n.</translation>
    </message>
    <message>
        <location filename="../app/gui/settings_page.cpp" line="87"/>
        <source>all blocks</source>
        <translation>alle Blöcke</translation>
    </message>
    <message>
        <location filename="../app/gui/settings_page.cpp" line="88"/>
        <source>Search blocks</source>
        <translation>Suchblöcke</translation>
    </message>
    <message>
        <location filename="../app/gui/settings_page.cpp" line="89"/>
        <source>Default all, as the reference. The attention and MLP losses of the α grid run on the first N calibration blocks only: fewer is faster.</source>
        <translation>Standard: alle, wie die Referenz. Die Attention- und MLP-Verluste des α-Gitters laufen nur auf den ersten N Kalibrierblöcken: weniger ist schneller.</translation>
    </message>
    <message>
        <location filename="../app/gui/settings_page.cpp" line="93"/>
        <source>all cores (%1)</source>
        <translation>alle Kerne (%1)</translation>
    </message>
    <message>
        <location filename="../app/gui/settings_page.cpp" line="94"/>
        <source>Threads / device</source>
        <translation>Threads / Gerät</translation>
    </message>
    <message>
        <location filename="../app/gui/settings_page.cpp" line="94"/>
        <source>Default: all CPU cores. The device (CPU or GPU) is chosen on the Quantize step.</source>
        <translation>Standard: alle CPU-Kerne. Das Gerät (CPU oder GPU) wird im Schritt „Quantisieren“ gewählt.</translation>
    </message>
    <message>
        <location filename="../app/gui/settings_page.cpp" line="101"/>
        <source>leave empty to keep the result in memory (chat and inspect only)</source>
        <translation>leer lassen, um das Ergebnis nur im Speicher zu halten (nur Chat und Untersuchen)</translation>
    </message>
    <message>
        <location filename="../app/gui/settings_page.cpp" line="103"/>
        <source>Browse…</source>
        <translation>Durchsuchen…</translation>
    </message>
    <message>
        <location filename="../app/gui/settings_page.cpp" line="105"/>
        <source>Output folder</source>
        <translation>Ausgabeordner</translation>
    </message>
    <message>
        <location filename="../app/gui/settings_page.cpp" line="105"/>
        <source>An AutoAWQ GEMM checkpoint is written here, all at once or not at all.</source>
        <translation>Hier wird ein AutoAWQ-GEMM-Checkpoint geschrieben – vollständig oder gar nicht.</translation>
    </message>
    <message>
        <location filename="../app/gui/settings_page.cpp" line="106"/>
        <source>Overwrite an existing folder</source>
        <translation>Vorhandenen Ordner überschreiben</translation>
    </message>
    <message>
        <location filename="../app/gui/settings_page.cpp" line="112"/>
        <source>Reset to defaults</source>
        <translation>Auf Standardwerte zurücksetzen</translation>
    </message>
    <message>
        <location filename="../app/gui/settings_page.cpp" line="124"/>
        <source>Output folder for the quantized model</source>
        <translation>Ausgabeordner für das quantisierte Modell</translation>
    </message>
    <message>
        <location filename="../app/gui/settings_page.cpp" line="207"/>
        <source>The result stays in memory; nothing is written.</source>
        <translation>Das Ergebnis bleibt im Speicher; nichts wird geschrieben.</translation>
    </message>
    <message>
        <location filename="../app/gui/settings_page.cpp" line="211"/>
        <source>only 4-bit models can be exported; choose 4 bits or clear the folder</source>
        <translation>nur 4-Bit-Modelle lassen sich exportieren; wählen Sie 4 Bit oder leeren Sie den Ordner</translation>
    </message>
    <message>
        <location filename="../app/gui/settings_page.cpp" line="214"/>
        <source>⚠ %1 exists and will be replaced.</source>
        <translation>⚠ %1 existiert und wird ersetzt.</translation>
    </message>
    <message>
        <location filename="../app/gui/settings_page.cpp" line="215"/>
        <source>✓ %1 will be created.</source>
        <translation>✓ %1 wird angelegt.</translation>
    </message>
    <message>
        <location filename="../app/gui/settings_page.cpp" line="218"/>
        <source>✗ %1</source>
        <translation>✗ %1</translation>
    </message>
    <message>
        <location filename="../app/gui/settings_page.cpp" line="143"/>
        <source>⚠ %1</source>
        <translation>⚠ %1</translation>
    </message>
    <message>
        <location filename="../app/gui/settings_page.cpp" line="146"/>
        <source>Group size %1 quantizes them all.</source>
        <translation>Gruppengröße %1 quantisiert sie alle.</translation>
    </message>
    <message>
        <location filename="../app/gui/settings_page.cpp" line="148"/>
        <source>Only per-channel quantization fits every linear.</source>
        <translation>Nur die Quantisierung je Kanal passt zu allen linearen Schichten.</translation>
    </message>
    <message>
        <location filename="../app/gui/settings_page.cpp" line="154"/>
        <source>Use %1</source>
        <translation>%1 verwenden</translation>
    </message>
</context>
<context>
    <name>main</name>
    <message>
        <location filename="../app/gui/main.cpp" line="45"/>
        <source>Activation-aware 4-bit quantization of Llama-family models.</source>
        <translation>Aktivierungsbewusste 4-Bit-Quantisierung von Modellen der Llama-Familie.</translation>
    </message>
    <message>
        <location filename="../app/gui/main.cpp" line="19"/>
        <source>Open this model folder (default: the bundled model).</source>
        <translation>Diesen Modellordner öffnen (Standard: das mitgelieferte Modell).</translation>
    </message>
    <message>
        <location filename="../app/gui/main.cpp" line="20"/>
        <source>Open this AWQ report in Inspect.</source>
        <translation>Diesen AWQ-Bericht in „Untersuchen“ öffnen.</translation>
    </message>
    <message>
        <location filename="../app/gui/main.cpp" line="21"/>
        <source>User interface language: en, de, zh_CN (default: the system&apos;s).</source>
        <translation>Sprache der Oberfläche: en, de, zh_CN (Standard: die des Systems).</translation>
    </message>
    <message>
        <location filename="../app/gui/main.cpp" line="22"/>
        <source>Colour theme: system, light, dark.</source>
        <translation>Farbschema: system, light, dark.</translation>
    </message>
    <message>
        <location filename="../app/gui/main.cpp" line="23"/>
        <source>Walk through every step, save a screenshot of each into this folder and quit.</source>
        <translation>Alle Schritte durchlaufen, von jedem ein Bildschirmfoto in diesem Ordner speichern und beenden.</translation>
    </message>
</context>
</TS>
