<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="de">
<context>
    <name>awq::gui::CalibrationPage</name>
    <message>
        <location filename="../app/gui/calibration_page.cpp" line="43"/>
        <source>Calibration data</source>
        <translation>Kalibrierungsdaten</translation>
    </message>
    <message>
        <location filename="../app/gui/calibration_page.cpp" line="46"/>
        <source>AWQ measures which input channels carry large activations on this text. A few hundred short documents from the model&apos;s domain are enough.</source>
        <translation>AWQ misst, welche Eingangskanäle auf diesem Text große Aktivierungen tragen. Einige hundert kurze Dokumente aus dem Themengebiet des Modells genügen.</translation>
    </message>
    <message>
        <location filename="../app/gui/calibration_page.cpp" line="52"/>
        <source>Bundled corpus (biblical English derived from the public-domain World English Bible)</source>
        <translation>Mitgelieferter Korpus (biblisches Englisch, abgeleitet von der gemeinfreien World English Bible)</translation>
    </message>
    <message>
        <location filename="../app/gui/calibration_page.cpp" line="53"/>
        <source>Text from files:</source>
        <translation>Text aus Dateien:</translation>
    </message>
    <message>
        <location filename="../app/gui/calibration_page.cpp" line="61"/>
        <source>.txt (blank-line separated), .jsonl (&quot;text&quot; field) or a folder of .txt</source>
        <translation>.txt (durch Leerzeilen getrennt), .jsonl (Feld &quot;text&quot;) oder ein Ordner mit .txt</translation>
    </message>
    <message>
        <location filename="../app/gui/calibration_page.cpp" line="63"/>
        <source>Browse…</source>
        <translation>Durchsuchen…</translation>
    </message>
    <message>
        <location filename="../app/gui/calibration_page.cpp" line="65"/>
        <source>File…</source>
        <translation>Datei…</translation>
    </message>
    <message>
        <location filename="../app/gui/calibration_page.cpp" line="66"/>
        <source>Calibration file</source>
        <translation>Kalibrierungsdatei</translation>
    </message>
    <message>
        <location filename="../app/gui/calibration_page.cpp" line="66"/>
        <source>Text (*.txt *.jsonl)</source>
        <translation>Text (*.txt *.jsonl)</translation>
    </message>
    <message>
        <location filename="../app/gui/calibration_page.cpp" line="69"/>
        <source>Folder…</source>
        <translation>Ordner…</translation>
    </message>
    <message>
        <location filename="../app/gui/calibration_page.cpp" line="70"/>
        <source>Folder of .txt files</source>
        <translation>Ordner mit .txt-Dateien</translation>
    </message>
    <message>
        <location filename="../app/gui/calibration_page.cpp" line="80"/>
        <source>Documents taken from the corpus (AutoAWQ: 128)</source>
        <translation>Aus dem Korpus entnommene Dokumente (AutoAWQ: 128)</translation>
    </message>
    <message>
        <location filename="../app/gui/calibration_page.cpp" line="83"/>
        <source>Tokens per calibration block (AutoAWQ: 512)</source>
        <translation>Tokens je Kalibrierungsblock (AutoAWQ: 512)</translation>
    </message>
    <message>
        <location filename="../app/gui/calibration_page.cpp" line="84"/>
        <source>Samples</source>
        <translation>Stichproben</translation>
    </message>
    <message>
        <location filename="../app/gui/calibration_page.cpp" line="85"/>
        <source>Block length (tokens)</source>
        <translation>Blocklänge (Tokens)</translation>
    </message>
    <message>
        <location filename="../app/gui/calibration_page.cpp" line="88"/>
        <source>Preview</source>
        <translation>Vorschau</translation>
    </message>
    <message>
        <location filename="../app/gui/calibration_page.cpp" line="101"/>
        <source>The first document appears here.</source>
        <translation>Hier erscheint das erste Dokument.</translation>
    </message>
    <message>
        <location filename="../app/gui/calibration_page.cpp" line="134"/>
        <source>Reading and tokenizing …</source>
        <translation>Lese und tokenisiere …</translation>
    </message>
    <message>
        <location filename="../app/gui/calibration_page.cpp" line="147"/>
        <source>%1 documents read, %2 used, %3 skipped as longer than a block; %4 tokens → %5 blocks of %6 tokens.</source>
        <translation>%1 Dokumente gelesen, %2 verwendet, %3 übersprungen (länger als ein Block); %4 Tokens → %5 Blöcke zu %6 Tokens.</translation>
    </message>
    <message>
        <location filename="../app/gui/calibration_page.cpp" line="153"/>
        <source>Only %1 of the %2 samples asked for can be taken (%3 documents are longer than a block); they make %4 blocks.</source>
        <translation>Nur %1 der %2 gewünschten Stichproben sind verfügbar (%3 Dokumente sind länger als ein Block); sie ergeben %4 Blöcke.</translation>
    </message>
</context>
<context>
    <name>awq::gui::ChatPage</name>
    <message>
        <location filename="../app/gui/chat_page.cpp" line="27"/>
        <source>Original</source>
        <translation>Original</translation>
    </message>
    <message>
        <location filename="../app/gui/chat_page.cpp" line="29"/>
        <source>AWQ (INT4)</source>
        <translation>AWQ (INT4)</translation>
    </message>
    <message>
        <location filename="../app/gui/chat_page.cpp" line="43"/>
        <source>0 = greedy</source>
        <translation>0 = gierig (greedy)</translation>
    </message>
    <message>
        <location filename="../app/gui/chat_page.cpp" line="51"/>
        <source>Both sides sample with the same seed</source>
        <translation>Beide Seiten ziehen mit demselben Seed</translation>
    </message>
    <message>
        <location filename="../app/gui/chat_page.cpp" line="52"/>
        <source>Temperature</source>
        <translation>Temperatur</translation>
    </message>
    <message>
        <location filename="../app/gui/chat_page.cpp" line="54"/>
        <source>Top-p</source>
        <translation>Top-p</translation>
    </message>
    <message>
        <location filename="../app/gui/chat_page.cpp" line="56"/>
        <source>Max tokens</source>
        <translation>Max. Tokens</translation>
    </message>
    <message>
        <location filename="../app/gui/chat_page.cpp" line="58"/>
        <source>Seed</source>
        <translation>Seed</translation>
    </message>
    <message>
        <location filename="../app/gui/chat_page.cpp" line="70"/>
        <source>Compare tokens</source>
        <translation>Tokens vergleichen</translation>
    </message>
    <message>
        <location filename="../app/gui/chat_page.cpp" line="72"/>
        <source>The original answers each message, then the INT4 model is run on the same tokens: KL divergence and top-1 agreement per token</source>
        <translation>Das Original beantwortet jede Nachricht, dann läuft das INT4-Modell auf denselben Tokens: KL-Divergenz und Top-1-Übereinstimmung je Token</translation>
    </message>
    <message>
        <location filename="../app/gui/chat_page.cpp" line="76"/>
        <source>New conversation</source>
        <translation>Neues Gespräch</translation>
    </message>
    <message>
        <location filename="../app/gui/chat_page.cpp" line="83"/>
        <source>Message both models …</source>
        <translation>Nachricht an beide Modelle …</translation>
    </message>
    <message>
        <location filename="../app/gui/chat_page.cpp" line="84"/>
        <source>Send</source>
        <translation>Senden</translation>
    </message>
    <message>
        <location filename="../app/gui/chat_page.cpp" line="86"/>
        <source>Stop</source>
        <translation>Stopp</translation>
    </message>
    <message>
        <location filename="../app/gui/chat_page.cpp" line="114"/>
        <source>this session&apos;s AWQ result</source>
        <translation>AWQ-Ergebnis dieser Sitzung</translation>
    </message>
    <message>
        <location filename="../app/gui/chat_page.cpp" line="158"/>
        <location filename="../app/gui/chat_page.cpp" line="163"/>
        <source>Open model folder</source>
        <translation>Modellordner öffnen</translation>
    </message>
    <message>
        <location filename="../app/gui/chat_page.cpp" line="62"/>
        <source>Auto</source>
        <translation>Automatisch</translation>
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
        <translation>Automatisch: die NVIDIA-GPU, wenn das CUDA-Plugin eine findet, sonst die CPU</translation>
    </message>
    <message>
        <location filename="../app/gui/chat_page.cpp" line="68"/>
        <source>Device</source>
        <translation>Gerät</translation>
    </message>
</context>
<context>
    <name>awq::gui::ChatPane</name>
    <message>
        <location filename="../app/gui/chat_pane.cpp" line="31"/>
        <source>Load folder…</source>
        <translation>Ordner laden…</translation>
    </message>
    <message>
        <location filename="../app/gui/chat_pane.cpp" line="34"/>
        <location filename="../app/gui/chat_pane.cpp" line="62"/>
        <source>No model.</source>
        <translation>Kein Modell.</translation>
    </message>
    <message>
        <location filename="../app/gui/chat_pane.cpp" line="92"/>
        <source>%1
engine %2 · weights %3 · chat template: %4</source>
        <translation>%1
Engine %2 · Gewichte %3 · Chat-Vorlage: %4</translation>
    </message>
    <message>
        <location filename="../app/gui/chat_pane.cpp" line="108"/>
        <source>%1 tokens · %2 tokens/s · first token after %3 ms%4</source>
        <translation>%1 Tokens · %2 Tokens/s · erstes Token nach %3 ms%4</translation>
    </message>
    <message>
        <location filename="../app/gui/chat_pane.cpp" line="110"/>
        <source> · stopped</source>
        <translation> · angehalten</translation>
    </message>
    <message>
        <location filename="../app/gui/chat_pane.cpp" line="127"/>
        <source>generating …</source>
        <translation>erzeuge …</translation>
    </message>
    <message>
        <location filename="../app/gui/chat_pane.cpp" line="152"/>
        <source>You</source>
        <translation>Sie</translation>
    </message>
    <message>
        <location filename="../app/gui/chat_pane.cpp" line="152"/>
        <location filename="../app/gui/chat_pane.cpp" line="154"/>
        <source>Model</source>
        <translation>Modell</translation>
    </message>
    <message>
        <location filename="../app/gui/chat_pane.cpp" line="95"/>
        <source>Device: CPU</source>
        <translation>Gerät: CPU</translation>
    </message>
    <message>
        <location filename="../app/gui/chat_pane.cpp" line="27"/>
        <source>Show prompt</source>
        <translation>Prompt anzeigen</translation>
    </message>
    <message>
        <location filename="../app/gui/chat_pane.cpp" line="28"/>
        <source>The exact text and token ids this model is fed, rendered by its chat template</source>
        <translation>Der genaue Text und die Token-IDs, die dieses Modell erhält, erzeugt von seiner Chat-Vorlage</translation>
    </message>
    <message>
        <location filename="../app/gui/chat_pane.cpp" line="95"/>
        <source>Device: looking for the GPU …</source>
        <translation>Gerät: GPU wird gesucht …</translation>
    </message>
    <message>
        <location filename="../app/gui/chat_pane.cpp" line="97"/>
        <source>Device: %1</source>
        <translation>Gerät: %1</translation>
    </message>
    <message>
        <location filename="../app/gui/chat_pane.cpp" line="74"/>
        <source> — %1 % of weights INT4, rest %2</source>
        <translation> — %1 % der Gewichte INT4, Rest %2</translation>
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
        <translation>GPU: %1 · %2, %3 auf der GPU</translation>
    </message>
    <message>
        <location filename="../app/gui/chat_worker.cpp" line="49"/>
        <source>CPU: the GPU was asked for but cannot be used: %1</source>
        <translation>CPU: die GPU wurde gewählt, ist aber nicht nutzbar: %1</translation>
    </message>
    <message>
        <location filename="../app/gui/chat_worker.cpp" line="50"/>
        <source>CPU (not on the GPU: %1)</source>
        <translation>CPU (nicht auf der GPU: %1)</translation>
    </message>
</context>
<context>
    <name>awq::gui::CoreMessageText</name>
    <message>
        <location filename="../app/gui/core_message_text.cpp" line="12"/>
        <source>capture</source>
        <translation>Erfassung</translation>
    </message>
    <message>
        <location filename="../app/gui/core_message_text.cpp" line="13"/>
        <source>search qkv</source>
        <translation>Suche qkv</translation>
    </message>
    <message>
        <location filename="../app/gui/core_message_text.cpp" line="14"/>
        <source>search o</source>
        <translation>Suche o</translation>
    </message>
    <message>
        <location filename="../app/gui/core_message_text.cpp" line="15"/>
        <source>search gate_up</source>
        <translation>Suche gate_up</translation>
    </message>
    <message>
        <location filename="../app/gui/core_message_text.cpp" line="16"/>
        <source>search down</source>
        <translation>Suche down</translation>
    </message>
    <message>
        <location filename="../app/gui/core_message_text.cpp" line="17"/>
        <source>clip</source>
        <translation>Begrenzung</translation>
    </message>
    <message>
        <location filename="../app/gui/core_message_text.cpp" line="18"/>
        <source>quantize</source>
        <translation>Quantisierung</translation>
    </message>
    <message>
        <location filename="../app/gui/core_message_text.cpp" line="19"/>
        <source>measure</source>
        <translation>Messung</translation>
    </message>
    <message>
        <location filename="../app/gui/core_message_text.cpp" line="20"/>
        <source>sensitivity</source>
        <translation>Empfindlichkeit</translation>
    </message>
    <message>
        <location filename="../app/gui/core_message_text.cpp" line="21"/>
        <source>load, calibration and export</source>
        <translation>Laden, Kalibrierung und Export</translation>
    </message>
    <message>
        <location filename="../app/gui/core_message_text.cpp" line="22"/>
        <source>model weights (memory-mapped)</source>
        <translation>Modellgewichte (speicherabgebildet)</translation>
    </message>
    <message>
        <location filename="../app/gui/core_message_text.cpp" line="23"/>
        <source>program, tokenizer and calibration</source>
        <translation>Programm, Tokenizer und Kalibrierung</translation>
    </message>
    <message>
        <location filename="../app/gui/core_message_text.cpp" line="24"/>
        <source>quantized layers kept for the export</source>
        <translation>für den Export gehaltene quantisierte Schichten</translation>
    </message>
    <message>
        <location filename="../app/gui/core_message_text.cpp" line="25"/>
        <source>calibration activations</source>
        <translation>Kalibrierungsaktivierungen</translation>
    </message>
    <message>
        <location filename="../app/gui/core_message_text.cpp" line="26"/>
        <source>layer weights in float32 (4 copies)</source>
        <translation>Schichtgewichte in float32 (4 Kopien)</translation>
    </message>
    <message>
        <location filename="../app/gui/core_message_text.cpp" line="27"/>
        <source>capture&apos;s q/k/v</source>
        <translation>q/k/v der Erfassung</translation>
    </message>
    <message>
        <location filename="../app/gui/core_message_text.cpp" line="28"/>
        <source>error measurement&apos;s layer forward</source>
        <translation>Schichtdurchlauf der Fehlermessung</translation>
    </message>
    <message>
        <location filename="../app/gui/core_message_text.cpp" line="29"/>
        <source>error feedback&apos;s Gram matrix and its inverse</source>
        <translation>Gram-Matrix der Fehlerrückführung und ihre Inverse</translation>
    </message>
    <message>
        <location filename="../app/gui/core_message_text.cpp" line="30"/>
        <source>layer weights in float32 (2 copies)</source>
        <translation>Schichtgewichte in float32 (2 Kopien)</translation>
    </message>
    <message>
        <location filename="../app/gui/core_message_text.cpp" line="31"/>
        <source>checkpoint assembled for writing</source>
        <translation>zum Schreiben zusammengesetzter Checkpoint</translation>
    </message>
    <message>
        <location filename="../app/gui/core_message_text.cpp" line="32"/>
        <source>attention scores</source>
        <translation>Attention-Werte</translation>
    </message>
    <message>
        <location filename="../app/gui/core_message_text.cpp" line="33"/>
        <source>layer weights in float32 (3 sets)</source>
        <translation>Schichtgewichte in float32 (3 Sätze)</translation>
    </message>
    <message>
        <location filename="../app/gui/core_message_text.cpp" line="34"/>
        <source>Gram matrix and the group maxima</source>
        <translation>Gram-Matrix und Gruppenmaxima</translation>
    </message>
    <message>
        <location filename="../app/gui/core_message_text.cpp" line="35"/>
        <source>clip search scratch</source>
        <translation>Zwischenspeicher der Begrenzungssuche</translation>
    </message>
    <message>
        <location filename="../app/gui/core_message_text.cpp" line="36"/>
        <source>CUDA context and cuBLAS workspace</source>
        <translation>CUDA-Kontext und cuBLAS-Arbeitsbereich</translation>
    </message>
    <message>
        <location filename="../app/gui/core_message_text.cpp" line="46"/>
        <source>this build has no CUDA support</source>
        <translation>dieser Build hat keine CUDA-Unterstützung</translation>
    </message>
    <message>
        <location filename="../app/gui/core_message_text.cpp" line="48"/>
        <source>the CUDA plugin is not installed (looked for %1; install the awq-studio-cuda package)</source>
        <translation>das CUDA-Plugin ist nicht installiert (gesucht: %1; installieren Sie das Paket awq-studio-cuda)</translation>
    </message>
    <message>
        <location filename="../app/gui/core_message_text.cpp" line="53"/>
        <source>the CUDA plugin %1 failed to load (%2)</source>
        <translation>das CUDA-Plugin %1 konnte nicht geladen werden (%2)</translation>
    </message>
    <message>
        <location filename="../app/gui/core_message_text.cpp" line="56"/>
        <source>%1 is not an AWQ Studio CUDA plugin</source>
        <translation>%1 ist kein CUDA-Plugin von AWQ Studio</translation>
    </message>
    <message>
        <location filename="../app/gui/core_message_text.cpp" line="60"/>
        <source>the CUDA plugin %1 comes from another build of AWQ Studio (install the plugin of the same version)</source>
        <translation>das CUDA-Plugin %1 stammt aus einem anderen Build von AWQ Studio (installieren Sie das Plugin derselben Version)</translation>
    </message>
    <message>
        <location filename="../app/gui/core_message_text.cpp" line="65"/>
        <source>no CUDA device: the NVIDIA driver is not installed (%1 not found)</source>
        <translation>kein CUDA-Gerät: der NVIDIA-Treiber ist nicht installiert (%1 nicht gefunden)</translation>
    </message>
    <message>
        <location filename="../app/gui/core_message_text.cpp" line="69"/>
        <source>no usable CUDA device (%1)</source>
        <translation>kein nutzbares CUDA-Gerät (%1)</translation>
    </message>
    <message>
        <location filename="../app/gui/core_message_text.cpp" line="71"/>
        <source>the CUDA plugin could not be probed (%1)</source>
        <translation>das CUDA-Plugin konnte nicht abgefragt werden (%1)</translation>
    </message>
    <message>
        <location filename="../app/gui/core_message_text.cpp" line="84"/>
        <source>not quantized: its input width is not a multiple of the group size</source>
        <translation>nicht quantisiert: die Eingangsbreite ist kein Vielfaches der Gruppengröße</translation>
    </message>
    <message>
        <location filename="../app/gui/core_message_text.cpp" line="87"/>
        <source>grouped-query attention: v_proj&apos;s outputs do not line up with o_proj&apos;s inputs, so no op can absorb the scales</source>
        <translation>Grouped-Query-Attention: die Ausgänge von v_proj passen nicht zu den Eingängen von o_proj, daher kann keine Operation die Skalen aufnehmen</translation>
    </message>
    <message>
        <location filename="../app/gui/core_message_text.cpp" line="96"/>
        <source>Jinja template (%1 characters)</source>
        <translation>Jinja-Vorlage (%1 Zeichen)</translation>
    </message>
    <message>
        <location filename="../app/gui/core_message_text.cpp" line="98"/>
        <source>plain text: %1</source>
        <translation>Klartext: %1</translation>
    </message>
    <message>
        <location filename="../app/gui/core_message_text.cpp" line="107"/>
        <source>%1 (%2 tokens)</source>
        <translation>%1 (%2 Tokens)</translation>
    </message>
</context>
<context>
    <name>awq::gui::GroupFitText</name>
    <message>
        <location filename="../app/gui/group_fit_text.cpp" line="15"/>
        <source>%1 (%2 not a multiple of %3)</source>
        <translation>%1 (%2 ist kein Vielfaches von %3)</translation>
    </message>
    <message>
        <location filename="../app/gui/group_fit_text.cpp" line="20"/>
        <source>Group size %1 leaves %2 of %3 linears (%4 % of the decoder&apos;s weights) unquantized: %5.</source>
        <translation>Gruppengröße %1 lässt %2 von %3 linearen Schichten (%4 % der Decoder-Gewichte) unquantisiert: %5.</translation>
    </message>
</context>
<context>
    <name>awq::gui::InspectPage</name>
    <message>
        <location filename="../app/gui/inspect_page.cpp" line="27"/>
        <source>Inspect</source>
        <translation>Untersuchen</translation>
    </message>
    <message>
        <location filename="../app/gui/inspect_page.cpp" line="30"/>
        <source>No report yet: quantize a model or open a report (File → Open report).</source>
        <translation>Noch kein Bericht: Quantisieren Sie ein Modell oder öffnen Sie einen Bericht (Datei → Bericht öffnen).</translation>
    </message>
    <message>
        <location filename="../app/gui/inspect_page.cpp" line="38"/>
        <source>q/k/v input (after input_layernorm)</source>
        <translation>q/k/v-Eingang (nach input_layernorm)</translation>
    </message>
    <message>
        <location filename="../app/gui/inspect_page.cpp" line="39"/>
        <source>o_proj input (attention output)</source>
        <translation>o_proj-Eingang (Attention-Ausgabe)</translation>
    </message>
    <message>
        <location filename="../app/gui/inspect_page.cpp" line="40"/>
        <source>gate/up input (after post_attention_layernorm)</source>
        <translation>gate/up-Eingang (nach post_attention_layernorm)</translation>
    </message>
    <message>
        <location filename="../app/gui/inspect_page.cpp" line="41"/>
        <source>down_proj input (MLP hidden)</source>
        <translation>down_proj-Eingang (MLP intern)</translation>
    </message>
    <message>
        <location filename="../app/gui/inspect_page.cpp" line="43"/>
        <source>All layers (heatmap)</source>
        <translation>Alle Schichten (Heatmap)</translation>
    </message>
    <message>
        <location filename="../app/gui/inspect_page.cpp" line="44"/>
        <source>One layer</source>
        <translation>Eine Schicht</translation>
    </message>
    <message>
        <location filename="../app/gui/inspect_page.cpp" line="46"/>
        <source>layer </source>
        <translation>Schicht </translation>
    </message>
    <message>
        <location filename="../app/gui/inspect_page.cpp" line="47"/>
        <source>Linear group</source>
        <translation>Linear-Gruppe</translation>
    </message>
    <message>
        <location filename="../app/gui/inspect_page.cpp" line="52"/>
        <source>Export heatmap…</source>
        <translation>Heatmap exportieren…</translation>
    </message>
    <message>
        <location filename="../app/gui/inspect_page.cpp" line="53"/>
        <source>Export plot…</source>
        <translation>Diagramm exportieren…</translation>
    </message>
    <message>
        <location filename="../app/gui/inspect_page.cpp" line="65"/>
        <source>Scale search</source>
        <translation>Skalensuche</translation>
    </message>
    <message>
        <location filename="../app/gui/inspect_page.cpp" line="66"/>
        <source>Mixed precision</source>
        <translation>Gemischte Genauigkeit</translation>
    </message>
    <message>
        <location filename="../app/gui/inspect_page.cpp" line="117"/>
        <source>%1 of %2 · %3-bit, group %4 · calibration %5 blocks × %6 tokens · %7 s</source>
        <translation>%1 von %2 · %3 Bit, Gruppe %4 · Kalibrierung %5 Blöcke × %6 Tokens · %7 s</translation>
    </message>
    <message>
        <location filename="../app/gui/inspect_page.cpp" line="124"/>
        <source> · α grid&apos;s attention and MLP losses on the first %1 blocks</source>
        <translation> · Attention- und MLP-Verluste des α-Gitters auf den ersten %1 Blöcken</translation>
    </message>
    <message>
        <location filename="../app/gui/inspect_page.cpp" line="149"/>
        <location filename="../app/gui/inspect_page.cpp" line="151"/>
        <source>Export plot</source>
        <translation>Diagramm exportieren</translation>
    </message>
    <message>
        <location filename="../app/gui/inspect_page.cpp" line="149"/>
        <source>PNG image (*.png);;PDF document (*.pdf)</source>
        <translation>PNG-Bild (*.png);;PDF-Dokument (*.pdf)</translation>
    </message>
    <message>
        <location filename="../app/gui/inspect_page.cpp" line="151"/>
        <source>Could not write %1.</source>
        <translation>%1 konnte nicht geschrieben werden.</translation>
    </message>
</context>
<context>
    <name>awq::gui::LayerTableModel</name>
    <message>
        <location filename="../app/gui/layer_table_model.cpp" line="67"/>
        <source>RTN · error feedback</source>
        <translation>RTN · Fehlerrückführung</translation>
    </message>
    <message>
        <location filename="../app/gui/layer_table_model.cpp" line="67"/>
        <source>RTN</source>
        <translation>RTN</translation>
    </message>
    <message>
        <location filename="../app/gui/layer_table_model.cpp" line="68"/>
        <source>RTN (fallback)</source>
        <translation>RTN (Rückfall)</translation>
    </message>
    <message>
        <location filename="../app/gui/layer_table_model.cpp" line="69"/>
        <source>AWQ</source>
        <translation>AWQ</translation>
    </message>
    <message>
        <location filename="../app/gui/layer_table_model.cpp" line="70"/>
        <source> · weighted ranges</source>
        <translation> · gewichtete Bereiche</translation>
    </message>
    <message>
        <location filename="../app/gui/layer_table_model.cpp" line="70"/>
        <source> · clip</source>
        <translation> · Clip</translation>
    </message>
    <message>
        <location filename="../app/gui/layer_table_model.cpp" line="71"/>
        <source> · error feedback</source>
        <translation> · Fehlerrückführung</translation>
    </message>
    <message>
        <location filename="../app/gui/layer_table_model.cpp" line="75"/>
        <source> · float: %1</source>
        <translation> · Gleitkomma: %1</translation>
    </message>
    <message>
        <location filename="../app/gui/layer_table_model.cpp" line="83"/>
        <source>The searched weights gave a layer error of %1, above round-to-nearest&apos;s %2: the layer keeps the round-to-nearest weights.</source>
        <translation>Die gesuchten Gewichte ergaben einen Schichtfehler von %1, mehr als die %2 der Rundung zum Nächsten: Die Schicht behält die gerundeten Gewichte.</translation>
    </message>
    <message>
        <location filename="../app/gui/layer_table_model.cpp" line="89"/>
        <source>%1: %2</source>
        <translation>%1: %2</translation>
    </message>
    <message>
        <location filename="../app/gui/layer_table_model.cpp" line="90"/>
        <source>%1: s = 1 (no scaling beat every α)</source>
        <translation>%1: s = 1 (ohne Skalierung besser als jedes α)</translation>
    </message>
    <message>
        <location filename="../app/gui/layer_table_model.cpp" line="91"/>
        <source>%1: α = %2</source>
        <translation>%1: α = %2</translation>
    </message>
    <message>
        <location filename="../app/gui/layer_table_model.cpp" line="96"/>
        <source>%1: weighted ranges, mean max factor %2, mean min factor %3</source>
        <translation>%1: gewichtete Bereiche, mittlerer Max-Faktor %2, mittlerer Min-Faktor %3</translation>
    </message>
    <message>
        <location filename="../app/gui/layer_table_model.cpp" line="100"/>
        <source>%1: clip, mean factor %2</source>
        <translation>%1: Clip, mittlerer Faktor %2</translation>
    </message>
    <message>
        <location filename="../app/gui/layer_table_model.cpp" line="105"/>
        <source>%1 kept in floating point (it removes %2 % of the layer&apos;s error)</source>
        <translation>%1 bleibt in Gleitkomma (entfernt %2 % des Schichtfehlers)</translation>
    </message>
    <message>
        <location filename="../app/gui/layer_table_model.cpp" line="106"/>
        <source>%1 in floating point would remove %2 % of the layer&apos;s error</source>
        <translation>%1 in Gleitkomma würde %2 % des Schichtfehlers entfernen</translation>
    </message>
    <message>
        <location filename="../app/gui/layer_table_model.cpp" line="136"/>
        <source>s = 1</source>
        <translation>s = 1</translation>
    </message>
    <message>
        <location filename="../app/gui/layer_table_model.cpp" line="136"/>
        <source>No scaling: s = 1 gave a smaller loss than every α</source>
        <translation>Keine Skalierung: s = 1 ergab einen kleineren Verlust als jedes α</translation>
    </message>
    <message>
        <location filename="../app/gui/layer_table_model.cpp" line="139"/>
        <source>—</source>
        <translation>—</translation>
    </message>
    <message>
        <location filename="../app/gui/layer_table_model.cpp" line="157"/>
        <source>Mean clip factor of the clipped linears (1 = no clipping)</source>
        <translation>Mittlerer Clip-Faktor der beschnittenen Linearschichten (1 = kein Beschnitt)</translation>
    </message>
    <message>
        <location filename="../app/gui/layer_table_model.cpp" line="158"/>
        <source>Share of weight groups whose range was clipped</source>
        <translation>Anteil der Gewichtsgruppen mit beschnittenem Bereich</translation>
    </message>
    <message>
        <location filename="../app/gui/layer_table_model.cpp" line="159"/>
        <source>Layer output MSE with round-to-nearest weights</source>
        <translation>MSE der Schichtausgabe mit gerundeten Gewichten (RTN)</translation>
    </message>
    <message>
        <location filename="../app/gui/layer_table_model.cpp" line="160"/>
        <source>Layer output MSE with this run&apos;s weights</source>
        <translation>MSE der Schichtausgabe mit den Gewichten dieses Laufs</translation>
    </message>
    <message>
        <location filename="../app/gui/layer_table_model.cpp" line="161"/>
        <source>AWQ error / RTN error (below 1 = AWQ helps)</source>
        <translation>AWQ-Fehler / RTN-Fehler (unter 1 = AWQ hilft)</translation>
    </message>
    <message>
        <location filename="../app/gui/layer_table_model.cpp" line="162"/>
        <source>Where the layer&apos;s weights came from (hover a cell for each group&apos;s choice)</source>
        <translation>Woher die Gewichte der Schicht stammen (Zelle überfahren für die Wahl jeder Gruppe)</translation>
    </message>
    <message>
        <location filename="../app/gui/layer_table_model.cpp" line="168"/>
        <source>Layer</source>
        <translation>Schicht</translation>
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
        <translation>Clip-Faktor</translation>
    </message>
    <message>
        <location filename="../app/gui/layer_table_model.cpp" line="174"/>
        <source>Clipped</source>
        <translation>Beschnitten</translation>
    </message>
    <message>
        <location filename="../app/gui/layer_table_model.cpp" line="175"/>
        <source>RTN error</source>
        <translation>RTN-Fehler</translation>
    </message>
    <message>
        <location filename="../app/gui/layer_table_model.cpp" line="176"/>
        <source>AWQ error</source>
        <translation>AWQ-Fehler</translation>
    </message>
    <message>
        <location filename="../app/gui/layer_table_model.cpp" line="177"/>
        <source>AWQ / RTN</source>
        <translation>AWQ / RTN</translation>
    </message>
    <message>
        <location filename="../app/gui/layer_table_model.cpp" line="178"/>
        <source>Time (s)</source>
        <translation>Zeit (s)</translation>
    </message>
    <message>
        <location filename="../app/gui/layer_table_model.cpp" line="179"/>
        <source>Method</source>
        <translation>Verfahren</translation>
    </message>
    <message>
        <location filename="../app/gui/layer_table_model.cpp" line="121"/>
        <source>not quantized (%1 not a multiple of %2)</source>
        <translation>nicht quantisiert (%1 ist kein Vielfaches von %2)</translation>
    </message>
</context>
<context>
    <name>awq::gui::LossCurvePlot</name>
    <message>
        <location filename="../app/gui/loss_curve_plot.cpp" line="18"/>
        <source>loss</source>
        <translation>Verlust</translation>
    </message>
    <message>
        <location filename="../app/gui/loss_curve_plot.cpp" line="22"/>
        <source>α = 0 (no scaling, as RTN)</source>
        <translation>α = 0 (keine Skalierung, wie RTN)</translation>
    </message>
    <message>
        <location filename="../app/gui/loss_curve_plot.cpp" line="26"/>
        <source>best α</source>
        <translation>bestes α</translation>
    </message>
    <message>
        <location filename="../app/gui/loss_curve_plot.cpp" line="29"/>
        <source>α (scale exponent)</source>
        <translation>α (Skalenexponent)</translation>
    </message>
    <message>
        <location filename="../app/gui/loss_curve_plot.cpp" line="30"/>
        <source>output MSE</source>
        <translation>Ausgabe-MSE</translation>
    </message>
    <message>
        <location filename="../app/gui/loss_curve_plot.cpp" line="38"/>
        <source>layer %1 · %2</source>
        <translation>Schicht %1 · %2</translation>
    </message>
    <message>
        <location filename="../app/gui/loss_curve_plot.cpp" line="39"/>
        <source>skipped: %1</source>
        <translation>übersprungen: %1</translation>
    </message>
    <message>
        <location filename="../app/gui/loss_curve_plot.cpp" line="40"/>
        <source>best α = %1</source>
        <translation>bestes α = %1</translation>
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
        <translation>1  Modell</translation>
    </message>
    <message>
        <location filename="../app/gui/main_window.cpp" line="34"/>
        <source>Choose the model to quantize.</source>
        <translation>Wählen Sie das zu quantisierende Modell.</translation>
    </message>
    <message>
        <location filename="../app/gui/main_window.cpp" line="35"/>
        <source>2  Calibration</source>
        <translation>2  Kalibrierung</translation>
    </message>
    <message>
        <location filename="../app/gui/main_window.cpp" line="35"/>
        <source>Needs a model (its tokenizer cuts the text into blocks).</source>
        <translation>Benötigt ein Modell (sein Tokenizer zerlegt den Text in Blöcke).</translation>
    </message>
    <message>
        <location filename="../app/gui/main_window.cpp" line="36"/>
        <source>3  Settings</source>
        <translation>3  Einstellungen</translation>
    </message>
    <message>
        <location filename="../app/gui/main_window.cpp" line="36"/>
        <source>Needs a model.</source>
        <translation>Benötigt ein Modell.</translation>
    </message>
    <message>
        <location filename="../app/gui/main_window.cpp" line="37"/>
        <source>4  Quantize</source>
        <translation>4  Quantisieren</translation>
    </message>
    <message>
        <location filename="../app/gui/main_window.cpp" line="37"/>
        <source>Needs a model; calibration and settings have defaults.</source>
        <translation>Benötigt ein Modell; Kalibrierung und Einstellungen haben Standardwerte.</translation>
    </message>
    <message>
        <location filename="../app/gui/main_window.cpp" line="38"/>
        <source>5  Inspect</source>
        <translation>5  Untersuchen</translation>
    </message>
    <message>
        <location filename="../app/gui/main_window.cpp" line="38"/>
        <source>Needs a quantization result or a report (File → Open report).</source>
        <translation>Benötigt ein Quantisierungsergebnis oder einen Bericht (Datei → Bericht öffnen).</translation>
    </message>
    <message>
        <location filename="../app/gui/main_window.cpp" line="39"/>
        <source>6  Chat</source>
        <translation>6  Chat</translation>
    </message>
    <message>
        <location filename="../app/gui/main_window.cpp" line="39"/>
        <source>Needs a model; the AWQ side needs a result or an AWQ folder.</source>
        <translation>Benötigt ein Modell; die AWQ-Seite braucht ein Ergebnis oder einen AWQ-Ordner.</translation>
    </message>
    <message>
        <location filename="../app/gui/main_window.cpp" line="59"/>
        <source>Ready</source>
        <translation>Bereit</translation>
    </message>
    <message>
        <location filename="../app/gui/main_window.cpp" line="64"/>
        <source>Model: %1</source>
        <translation>Modell: %1</translation>
    </message>
    <message>
        <location filename="../app/gui/main_window.cpp" line="65"/>
        <source>Quantization finished</source>
        <translation>Quantisierung abgeschlossen</translation>
    </message>
    <message>
        <location filename="../app/gui/main_window.cpp" line="72"/>
        <source>&amp;File</source>
        <translation>&amp;Datei</translation>
    </message>
    <message>
        <location filename="../app/gui/main_window.cpp" line="73"/>
        <source>Open &amp;model folder…</source>
        <translation>&amp;Modellordner öffnen…</translation>
    </message>
    <message>
        <location filename="../app/gui/main_window.cpp" line="74"/>
        <source>Open model folder</source>
        <translation>Modellordner öffnen</translation>
    </message>
    <message>
        <location filename="../app/gui/main_window.cpp" line="77"/>
        <source>Open &amp;report…</source>
        <translation>&amp;Bericht öffnen…</translation>
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
        <translation>Bericht öffnen</translation>
    </message>
    <message>
        <location filename="../app/gui/main_window.cpp" line="78"/>
        <source>AWQ report (*.json)</source>
        <translation>AWQ-Bericht (*.json)</translation>
    </message>
    <message>
        <location filename="../app/gui/main_window.cpp" line="82"/>
        <source>&amp;Preferences…</source>
        <translation>&amp;Einstellungen…</translation>
    </message>
    <message>
        <location filename="../app/gui/main_window.cpp" line="84"/>
        <source>&amp;Quit</source>
        <translation>&amp;Beenden</translation>
    </message>
    <message>
        <location filename="../app/gui/main_window.cpp" line="85"/>
        <source>&amp;Help</source>
        <translation>&amp;Hilfe</translation>
    </message>
    <message>
        <location filename="../app/gui/main_window.cpp" line="86"/>
        <source>&amp;About AWQ Studio</source>
        <translation>Ü&amp;ber AWQ Studio</translation>
    </message>
    <message>
        <location filename="../app/gui/main_window.cpp" line="87"/>
        <source>About AWQ Studio</source>
        <translation>Über AWQ Studio</translation>
    </message>
    <message>
        <location filename="../app/gui/main_window.cpp" line="88"/>
        <source>&lt;b&gt;AWQ Studio %1&lt;/b&gt;&lt;br&gt;Activation-aware 4-bit weight quantization (Lin et al., MLSys 2024) for Llama-family models.</source>
        <translation>&lt;b&gt;AWQ Studio %1&lt;/b&gt;&lt;br&gt;Aktivierungsbewusste 4-Bit-Gewichtsquantisierung (Lin et al., MLSys 2024) für Modelle der Llama-Familie.</translation>
    </message>
    <message>
        <location filename="../app/gui/main_window.cpp" line="121"/>
        <source>Report: %1</source>
        <translation>Bericht: %1</translation>
    </message>
</context>
<context>
    <name>awq::gui::ModelPage</name>
    <message>
        <location filename="../app/gui/model_page.cpp" line="39"/>
        <source>Models</source>
        <translation>Modelle</translation>
    </message>
    <message>
        <location filename="../app/gui/model_page.cpp" line="45"/>
        <source>Open folder…</source>
        <translation>Ordner öffnen…</translation>
    </message>
    <message>
        <location filename="../app/gui/model_page.cpp" line="51"/>
        <source>Selected model</source>
        <translation>Ausgewähltes Modell</translation>
    </message>
    <message>
        <location filename="../app/gui/model_page.cpp" line="54"/>
        <location filename="../app/gui/model_page.cpp" line="114"/>
        <source>No model selected.</source>
        <translation>Kein Modell ausgewählt.</translation>
    </message>
    <message>
        <location filename="../app/gui/model_page.cpp" line="86"/>
        <source>tiny-llama-kjv (bundled)</source>
        <translation>tiny-llama-kjv (mitgeliefert)</translation>
    </message>
    <message>
        <location filename="../app/gui/model_page.cpp" line="86"/>
        <source>bundled with AWQ Studio</source>
        <translation>mit AWQ Studio geliefert</translation>
    </message>
    <message>
        <location filename="../app/gui/model_page.cpp" line="87"/>
        <source>recently used</source>
        <translation>zuletzt verwendet</translation>
    </message>
    <message>
        <location filename="../app/gui/model_page.cpp" line="89"/>
        <source>Hugging Face cache</source>
        <translation>Hugging-Face-Cache</translation>
    </message>
    <message>
        <location filename="../app/gui/model_page.cpp" line="93"/>
        <source>Open model folder</source>
        <translation>Modellordner öffnen</translation>
    </message>
    <message>
        <location filename="../app/gui/model_page.cpp" line="103"/>
        <source>Loading %1 …</source>
        <translation>Lade %1 …</translation>
    </message>
    <message>
        <location filename="../app/gui/model_page.cpp" line="111"/>
        <source>This folder cannot be used:
%1</source>
        <translation>Dieser Ordner kann nicht verwendet werden:
%1</translation>
    </message>
    <message>
        <location filename="../app/gui/model_page.cpp" line="113"/>
        <source>Still using %1.</source>
        <translation>Weiterhin wird %1 verwendet.</translation>
    </message>
    <message>
        <location filename="../app/gui/model_page.cpp" line="137"/>
        <source>Architecture</source>
        <translation>Architektur</translation>
    </message>
    <message>
        <location filename="../app/gui/model_page.cpp" line="138"/>
        <source>Layers</source>
        <translation>Schichten</translation>
    </message>
    <message>
        <location filename="../app/gui/model_page.cpp" line="139"/>
        <source>Hidden size</source>
        <translation>Verborgene Dimension</translation>
    </message>
    <message>
        <location filename="../app/gui/model_page.cpp" line="140"/>
        <source>Parameters</source>
        <translation>Parameter</translation>
    </message>
    <message>
        <location filename="../app/gui/model_page.cpp" line="141"/>
        <source>Data type</source>
        <translation>Datentyp</translation>
    </message>
    <message>
        <location filename="../app/gui/model_page.cpp" line="142"/>
        <source>Size on disk</source>
        <translation>Größe auf der Festplatte</translation>
    </message>
    <message>
        <location filename="../app/gui/model_page.cpp" line="143"/>
        <source>Memory at FP16</source>
        <translation>Speicher bei FP16</translation>
    </message>
    <message>
        <location filename="../app/gui/model_page.cpp" line="144"/>
        <source>Memory at INT4 (estimate)</source>
        <translation>Speicher bei INT4 (geschätzt)</translation>
    </message>
    <message>
        <location filename="../app/gui/model_page.cpp" line="145"/>
        <source>Tokenizer</source>
        <translation>Tokenizer</translation>
    </message>
    <message>
        <location filename="../app/gui/model_page.cpp" line="146"/>
        <source>Chat template</source>
        <translation>Chat-Vorlage</translation>
    </message>
    <message>
        <location filename="../app/gui/model_page.cpp" line="147"/>
        <source>AWQ-quantized</source>
        <translation>AWQ-quantisiert</translation>
    </message>
    <message>
        <location filename="../app/gui/model_page.cpp" line="147"/>
        <source>yes, %1-bit, group size %2</source>
        <translation>ja, %1 Bit, Gruppengröße %2</translation>
    </message>
    <message>
        <location filename="../app/gui/model_page.cpp" line="148"/>
        <source>no</source>
        <translation>nein</translation>
    </message>
    <message>
        <location filename="../app/gui/model_page.cpp" line="149"/>
        <source>Note</source>
        <translation>Hinweis</translation>
    </message>
</context>
<context>
    <name>awq::gui::PreferencesDialog</name>
    <message>
        <location filename="../app/gui/preferences_dialog.cpp" line="15"/>
        <source>Preferences</source>
        <translation>Einstellungen</translation>
    </message>
    <message>
        <location filename="../app/gui/preferences_dialog.cpp" line="18"/>
        <source>System language</source>
        <translation>Systemsprache</translation>
    </message>
    <message>
        <location filename="../app/gui/preferences_dialog.cpp" line="22"/>
        <source>Follow the system</source>
        <translation>Wie das System</translation>
    </message>
    <message>
        <location filename="../app/gui/preferences_dialog.cpp" line="23"/>
        <source>Light</source>
        <translation>Hell</translation>
    </message>
    <message>
        <location filename="../app/gui/preferences_dialog.cpp" line="24"/>
        <source>Dark</source>
        <translation>Dunkel</translation>
    </message>
    <message>
        <location filename="../app/gui/preferences_dialog.cpp" line="26"/>
        <location filename="../app/gui/preferences_dialog.cpp" line="41"/>
        <source>Language</source>
        <translation>Sprache</translation>
    </message>
    <message>
        <location filename="../app/gui/preferences_dialog.cpp" line="27"/>
        <source>A new language applies when AWQ Studio starts again.</source>
        <translation>Eine neue Sprache gilt ab dem nächsten Start von AWQ Studio.</translation>
    </message>
    <message>
        <location filename="../app/gui/preferences_dialog.cpp" line="28"/>
        <source>Theme</source>
        <translation>Farbschema</translation>
    </message>
    <message>
        <location filename="../app/gui/preferences_dialog.cpp" line="41"/>
        <source>Restart AWQ Studio to use the new language.</source>
        <translation>Starten Sie AWQ Studio neu, um die neue Sprache zu verwenden.</translation>
    </message>
</context>
<context>
    <name>awq::gui::PromptDialog</name>
    <message>
        <location filename="../app/gui/prompt_dialog.cpp" line="18"/>
        <source>Prompt fed to the model</source>
        <translation>Prompt, den das Modell erhält</translation>
    </message>
    <message>
        <location filename="../app/gui/prompt_dialog.cpp" line="30"/>
        <source>Token ids:</source>
        <translation>Token-IDs:</translation>
    </message>
    <message>
        <location filename="../app/gui/prompt_dialog.cpp" line="46"/>
        <source>Chat template: %1.</source>
        <translation>Chat-Vorlage: %1.</translation>
    </message>
    <message>
        <location filename="../app/gui/prompt_dialog.cpp" line="47"/>
        <source>No usable chat template: %1</source>
        <translation>Keine verwendbare Chat-Vorlage: %1</translation>
    </message>
    <message>
        <location filename="../app/gui/prompt_dialog.cpp" line="49"/>
        <source>No message yet: the prompt appears after the first message.</source>
        <translation>Noch keine Nachricht: Der Prompt erscheint nach der ersten Nachricht.</translation>
    </message>
    <message numerus="yes">
        <location filename="../app/gui/prompt_dialog.cpp" line="59"/>
        <source>%n token(s).</source>
        <translation>
            <numerusform>%n Token.</numerusform>
            <numerusform>%n Token.</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../app/gui/prompt_dialog.cpp" line="61"/>
        <source>The template could not render this conversation: %1</source>
        <translation>Die Vorlage konnte diese Unterhaltung nicht darstellen: %1</translation>
    </message>
</context>
<context>
    <name>awq::gui::QuantizePage</name>
    <message>
        <location filename="../app/gui/quantize_page.cpp" line="29"/>
        <source>Reading calibration data</source>
        <translation>Kalibrierungsdaten lesen</translation>
    </message>
    <message>
        <location filename="../app/gui/quantize_page.cpp" line="30"/>
        <source>Capturing activations</source>
        <translation>Aktivierungen erfassen</translation>
    </message>
    <message>
        <location filename="../app/gui/quantize_page.cpp" line="31"/>
        <source>Searching scales</source>
        <translation>Suche Skalen</translation>
    </message>
    <message>
        <location filename="../app/gui/quantize_page.cpp" line="32"/>
        <source>Searching clipping</source>
        <translation>Suche Beschnitt</translation>
    </message>
    <message>
        <location filename="../app/gui/quantize_page.cpp" line="33"/>
        <source>Quantizing</source>
        <translation>Quantisiere</translation>
    </message>
    <message>
        <location filename="../app/gui/quantize_page.cpp" line="34"/>
        <source>Measuring the error</source>
        <translation>Fehler messen</translation>
    </message>
    <message>
        <location filename="../app/gui/quantize_page.cpp" line="35"/>
        <source>Writing the checkpoint</source>
        <translation>Checkpoint schreiben</translation>
    </message>
    <message>
        <location filename="../app/gui/quantize_page.cpp" line="36"/>
        <source>Done</source>
        <translation>Fertig</translation>
    </message>
    <message>
        <location filename="../app/gui/quantize_page.cpp" line="52"/>
        <source>Quantize</source>
        <translation>Quantisieren</translation>
    </message>
    <message>
        <location filename="../app/gui/quantize_page.cpp" line="56"/>
        <source>Start quantization</source>
        <translation>Quantisierung starten</translation>
    </message>
    <message>
        <location filename="../app/gui/quantize_page.cpp" line="58"/>
        <source>Cancel</source>
        <translation>Abbrechen</translation>
    </message>
    <message>
        <location filename="../app/gui/quantize_page.cpp" line="88"/>
        <source>layer</source>
        <translation>Schicht</translation>
    </message>
    <message>
        <location filename="../app/gui/quantize_page.cpp" line="89"/>
        <source>Not started.</source>
        <translation>Nicht gestartet.</translation>
    </message>
    <message>
        <location filename="../app/gui/quantize_page.cpp" line="95"/>
        <source>Overall</source>
        <translation>Gesamt</translation>
    </message>
    <message>
        <location filename="../app/gui/quantize_page.cpp" line="97"/>
        <source>Layer</source>
        <translation>Schicht</translation>
    </message>
    <message>
        <location filename="../app/gui/quantize_page.cpp" line="158"/>
        <source>Quantizing %1: %2-bit, group size %3, %4 grid points, calibration %5 × %6 tokens</source>
        <translation>Quantisiere %1: %2 Bit, Gruppengröße %3, %4 Gitterpunkte, Kalibrierung %5 × %6 Tokens</translation>
    </message>
    <message>
        <location filename="../app/gui/quantize_page.cpp" line="168"/>
        <source>The α grid&apos;s attention and MLP losses run on the first %1 calibration blocks.</source>
        <translation>Die Attention- und MLP-Verluste des α-Gitters laufen auf den ersten %1 Kalibrierblöcken.</translation>
    </message>
    <message>
        <location filename="../app/gui/quantize_page.cpp" line="206"/>
        <source>Cancelling …</source>
        <translation>Breche ab …</translation>
    </message>
    <message>
        <location filename="../app/gui/quantize_page.cpp" line="225"/>
        <source>layer %1 of %2</source>
        <translation>Schicht %1 von %2</translation>
    </message>
    <message>
        <location filename="../app/gui/quantize_page.cpp" line="230"/>
        <source>Elapsed %1 · remaining %2</source>
        <translation>Vergangen %1 · verbleibend %2</translation>
    </message>
    <message>
        <location filename="../app/gui/quantize_page.cpp" line="230"/>
        <source>…</source>
        <translation>…</translation>
    </message>
    <message>
        <location filename="../app/gui/quantize_page.cpp" line="232"/>
        <source>layer %1 · %2 (searching)</source>
        <translation>Schicht %1 · %2 (Suche läuft)</translation>
    </message>
    <message>
        <location filename="../app/gui/quantize_page.cpp" line="236"/>
        <source>Layer %1 of %2</source>
        <translation>Schicht %1 von %2</translation>
    </message>
    <message>
        <location filename="../app/gui/quantize_page.cpp" line="163"/>
        <location filename="../app/gui/quantize_page.cpp" line="249"/>
        <source>Warning: %1</source>
        <translation>Warnung: %1</translation>
    </message>
    <message>
        <location filename="../app/gui/quantize_page.cpp" line="259"/>
        <source>Done in %1 s.</source>
        <translation>Fertig in %1 s.</translation>
    </message>
    <message>
        <location filename="../app/gui/quantize_page.cpp" line="265"/>
        <source>Written to %1: %2 (the original: %3).</source>
        <translation>Geschrieben nach %1: %2 (das Original: %3).</translation>
    </message>
    <message>
        <location filename="../app/gui/quantize_page.cpp" line="268"/>
        <source>Kept in memory (no output folder); weights in memory: %1 before, %2 after.</source>
        <translation>Im Speicher behalten (kein Ausgabeordner); Gewichte im Speicher: vorher %1, nachher %2.</translation>
    </message>
    <message>
        <location filename="../app/gui/quantize_page.cpp" line="270"/>
        <source>—</source>
        <translation>—</translation>
    </message>
    <message>
        <location filename="../app/gui/quantize_page.cpp" line="285"/>
        <source>Failed</source>
        <translation>Fehlgeschlagen</translation>
    </message>
    <message>
        <location filename="../app/gui/quantize_page.cpp" line="288"/>
        <source>Quantization failed: %1</source>
        <translation>Quantisierung fehlgeschlagen: %1</translation>
    </message>
    <message>
        <location filename="../app/gui/quantize_page.cpp" line="295"/>
        <source>Cancelled</source>
        <translation>Abgebrochen</translation>
    </message>
    <message>
        <location filename="../app/gui/quantize_page.cpp" line="304"/>
        <source>Cancelled; nothing was written.</source>
        <translation>Abgebrochen; nichts wurde geschrieben.</translation>
    </message>
    <message>
        <location filename="../app/gui/quantize_page.cpp" line="145"/>
        <source>Not started: the interrupted run in %1 was kept.</source>
        <translation>Nicht gestartet: Der unterbrochene Lauf in %1 wurde behalten.</translation>
    </message>
    <message>
        <location filename="../app/gui/quantize_page.cpp" line="170"/>
        <source>Resuming the interrupted run: %1 of %2 layers were already done.</source>
        <translation>Der unterbrochene Lauf wird fortgesetzt: %1 von %2 Schichten waren bereits fertig.</translation>
    </message>
    <message>
        <location filename="../app/gui/quantize_page.cpp" line="172"/>
        <source>Resuming the interrupted run.</source>
        <translation>Der unterbrochene Lauf wird fortgesetzt.</translation>
    </message>
    <message>
        <location filename="../app/gui/quantize_page.cpp" line="174"/>
        <source>Discarding the interrupted run in %1.</source>
        <translation>Der unterbrochene Lauf in %1 wird verworfen.</translation>
    </message>
    <message>
        <location filename="../app/gui/quantize_page.cpp" line="183"/>
        <source>%1 of %2 layers are done.</source>
        <translation>%1 von %2 Schichten sind fertig.</translation>
    </message>
    <message>
        <location filename="../app/gui/quantize_page.cpp" line="184"/>
        <source>How far it got could not be read.</source>
        <translation>Wie weit er gekommen ist, ließ sich nicht lesen.</translation>
    </message>
    <message>
        <location filename="../app/gui/quantize_page.cpp" line="185"/>
        <source>Interrupted quantization</source>
        <translation>Unterbrochene Quantisierung</translation>
    </message>
    <message>
        <location filename="../app/gui/quantize_page.cpp" line="186"/>
        <source>An interrupted quantization into %1 was found. %2</source>
        <translation>Eine unterbrochene Quantisierung nach %1 wurde gefunden. %2</translation>
    </message>
    <message>
        <location filename="../app/gui/quantize_page.cpp" line="189"/>
        <source>Resume continues from the last finished layer and gives the same model as an uninterrupted run; it needs the same model, settings and calibration as before. Start over discards the saved layers.</source>
        <translation>„Fortsetzen“ macht bei der letzten fertigen Schicht weiter und ergibt dasselbe Modell wie ein ununterbrochener Lauf; dafür braucht es dasselbe Modell, dieselben Einstellungen und dieselbe Kalibrierung wie zuvor. „Neu beginnen“ verwirft die gespeicherten Schichten.</translation>
    </message>
    <message>
        <location filename="../app/gui/quantize_page.cpp" line="192"/>
        <source>Resume</source>
        <translation>Fortsetzen</translation>
    </message>
    <message>
        <location filename="../app/gui/quantize_page.cpp" line="194"/>
        <source>Start over</source>
        <translation>Neu beginnen</translation>
    </message>
    <message>
        <location filename="../app/gui/quantize_page.cpp" line="235"/>
        <source>Layer %1 of %2: taken from the interrupted run</source>
        <translation>Schicht %1 von %2: aus dem unterbrochenen Lauf übernommen</translation>
    </message>
    <message>
        <location filename="../app/gui/quantize_page.cpp" line="300"/>
        <source>Cancelled; no model was written. %1 of %2 layers are done and kept in %3: start again and choose Resume to continue.</source>
        <translation>Abgebrochen; es wurde kein Modell geschrieben. %1 von %2 Schichten sind fertig und in %3 aufbewahrt: Starten Sie erneut und wählen Sie „Fortsetzen“, um weiterzumachen.</translation>
    </message>
    <message>
        <location filename="../app/gui/quantize_page.cpp" line="63"/>
        <source>Auto</source>
        <translation>Automatisch</translation>
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
        <translation>Wo die AWQ-Suche läuft. Automatisch: die NVIDIA-GPU, wenn das CUDA-Plugin eine findet, sonst die CPU</translation>
    </message>
    <message>
        <location filename="../app/gui/quantize_page.cpp" line="72"/>
        <source>Device</source>
        <translation>Gerät</translation>
    </message>
    <message>
        <location filename="../app/gui/quantize_page.cpp" line="156"/>
        <source>Device: CPU</source>
        <translation>Gerät: CPU</translation>
    </message>
    <message>
        <location filename="../app/gui/quantize_page.cpp" line="156"/>
        <source>Device: looking for the GPU …</source>
        <translation>Gerät: GPU wird gesucht …</translation>
    </message>
    <message>
        <location filename="../app/gui/quantize_page.cpp" line="220"/>
        <location filename="../app/gui/quantize_page.cpp" line="261"/>
        <source>Device: %1</source>
        <translation>Gerät: %1</translation>
    </message>
    <message>
        <location filename="../app/gui/quantize_page.cpp" line="262"/>
        <source>Device: %1.</source>
        <translation>Gerät: %1.</translation>
    </message>
    <message>
        <location filename="../app/gui/quantize_page.cpp" line="164"/>
        <source>Group size %1 would quantize them all (Settings).</source>
        <translation>Gruppengröße %1 würde sie alle quantisieren (Einstellungen).</translation>
    </message>
    <message>
        <location filename="../app/gui/quantize_page.cpp" line="254"/>
        <source>Group %1 in every layer: not quantized (%2 not a multiple of %3), kept in floating point.</source>
        <translation>Gruppe %1 in jeder Schicht: nicht quantisiert (%2 ist kein Vielfaches von %3), bleibt in Gleitkomma.</translation>
    </message>
</context>
<context>
    <name>awq::gui::QuantizeWorker</name>
    <message>
        <location filename="../app/gui/quantize_worker.cpp" line="30"/>
        <source>unknown error</source>
        <translation>unbekannter Fehler</translation>
    </message>
    <message>
        <location filename="../app/gui/quantize_worker.cpp" line="56"/>
        <source>only 4-bit models can be exported; choose 4 bits or clear the output folder</source>
        <translation>nur 4-Bit-Modelle können exportiert werden; wählen Sie 4 Bit oder lassen Sie den Ausgabeordner leer</translation>
    </message>
    <message>
        <location filename="../app/gui/quantize_worker.cpp" line="125"/>
        <source>%1: an interrupted quantization was found there; start again and choose Resume or Start over</source>
        <translation>%1: Dort wurde eine unterbrochene Quantisierung gefunden; starten Sie erneut und wählen Sie „Fortsetzen“ oder „Neu beginnen“</translation>
    </message>
    <message>
        <location filename="../app/gui/quantize_worker.cpp" line="127"/>
        <source>%1 cannot be resumed: it belongs to a different run (the model, the AWQ settings or the calibration data differ). Choose the same ones as before, or start again and choose Start over to discard it.</source>
        <translation>%1 kann nicht fortgesetzt werden: Es gehört zu einem anderen Lauf (das Modell, die AWQ-Einstellungen oder die Kalibrierungsdaten unterscheiden sich). Wählen Sie dieselben wie zuvor, oder starten Sie erneut und wählen Sie „Neu beginnen“, um ihn zu verwerfen.</translation>
    </message>
    <message>
        <location filename="../app/gui/quantize_worker.cpp" line="144"/>
        <source>CPU</source>
        <translation>CPU</translation>
    </message>
    <message>
        <location filename="../app/gui/quantize_worker.cpp" line="137"/>
        <source>GPU: %1</source>
        <translation>GPU: %1</translation>
    </message>
    <message>
        <location filename="../app/gui/quantize_worker.cpp" line="140"/>
        <source>the GPU was asked for but cannot be used: %1</source>
        <translation>die GPU wurde gewählt, ist aber nicht nutzbar: %1</translation>
    </message>
    <message>
        <location filename="../app/gui/quantize_worker.cpp" line="142"/>
        <source>CPU (not on the GPU: %1)</source>
        <translation>CPU (nicht auf der GPU: %1)</translation>
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
        <translation>%1 s</translation>
    </message>
    <message>
        <location filename="../app/gui/run_estimate_view.cpp" line="23"/>
        <source>%1 min</source>
        <translation>%1 min</translation>
    </message>
    <message>
        <location filename="../app/gui/run_estimate_view.cpp" line="24"/>
        <source>%1 h</source>
        <translation>%1 h</translation>
    </message>
    <message>
        <location filename="../app/gui/run_estimate_view.cpp" line="91"/>
        <source>Estimating the run&apos;s time and memory …</source>
        <translation>Zeit und Speicherbedarf des Laufs werden geschätzt …</translation>
    </message>
    <message>
        <location filename="../app/gui/run_estimate_view.cpp" line="111"/>
        <source>No estimate: the calibration gives no blocks (%1).</source>
        <translation>Keine Schätzung: Die Kalibrierung ergibt keine Blöcke (%1).</translation>
    </message>
    <message>
        <location filename="../app/gui/run_estimate_view.cpp" line="111"/>
        <source>empty</source>
        <translation>leer</translation>
    </message>
    <message>
        <location filename="../app/gui/run_estimate_view.cpp" line="129"/>
        <source>Estimated: ~%1, peak memory %2 (host)</source>
        <translation>Geschätzt: ~%1, Spitzenspeicher %2 (Host)</translation>
    </message>
    <message>
        <location filename="../app/gui/run_estimate_view.cpp" line="130"/>
        <source>, %1 GPU</source>
        <translation>, %1 GPU</translation>
    </message>
    <message>
        <location filename="../app/gui/run_estimate_view.cpp" line="132"/>
        <source>%1 calibration blocks of %2 tokens on the %3.</source>
        <translation>%1 Kalibrierungsblöcke zu %2 Tokens auf der %3.</translation>
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
        <translation>Hostspeicher auf dem Höchststand:</translation>
    </message>
    <message>
        <location filename="../app/gui/run_estimate_view.cpp" line="135"/>
        <source>GPU memory:</source>
        <translation>GPU-Speicher:</translation>
    </message>
    <message>
        <location filename="../app/gui/run_estimate_view.cpp" line="136"/>
        <source>Time by stage:</source>
        <translation>Zeit nach Phase:</translation>
    </message>
    <message>
        <location filename="../app/gui/run_estimate_view.cpp" line="137"/>
        <source>Computed from the work the run does and throughputs measured on a 2-core CPU and an H100 (docs/benchmarks.md says how close it came).</source>
        <translation>Berechnet aus der Arbeit des Laufs und auf einer 2-Kern-CPU und einer H100 gemessenen Durchsätzen (docs/benchmarks.md nennt die Abweichung).</translation>
    </message>
    <message>
        <location filename="../app/gui/run_estimate_view.cpp" line="149"/>
        <source>⚠ This run needs about %1 of memory; %2 is available.</source>
        <translation>⚠ Dieser Lauf braucht etwa %1 Speicher; verfügbar sind %2.</translation>
    </message>
    <message>
        <location filename="../app/gui/run_estimate_view.cpp" line="151"/>
        <source>⚠ </source>
        <translation>⚠ </translation>
    </message>
    <message>
        <location filename="../app/gui/run_estimate_view.cpp" line="152"/>
        <source>The GPU needs about %1; it has %2.</source>
        <translation>Die GPU braucht etwa %1; sie hat %2.</translation>
    </message>
    <message>
        <location filename="../app/gui/run_estimate_view.cpp" line="163"/>
        <source>Use fewer calibration samples: at most %1 blocks of %2 tokens fit (Calibration step).</source>
        <translation>Weniger Stichproben verwenden: Höchstens %1 Blöcke zu %2 Tokens passen (Schritt Kalibrierung).</translation>
    </message>
    <message>
        <location filename="../app/gui/run_estimate_view.cpp" line="165"/>
        <source>Use shorter calibration blocks (Calibration step).</source>
        <translation>Kürzere Kalibrierungsblöcke verwenden (Schritt Kalibrierung).</translation>
    </message>
    <message>
        <location filename="../app/gui/run_estimate_view.cpp" line="167"/>
        <source>Or choose the GPU as the device.</source>
        <translation>Oder die GPU als Gerät wählen.</translation>
    </message>
    <message>
        <location filename="../app/gui/run_estimate_view.cpp" line="168"/>
        <source>Or choose the CPU as the device.</source>
        <translation>Oder die CPU als Gerät wählen.</translation>
    </message>
    <message>
        <location filename="../app/gui/run_estimate_view.cpp" line="169"/>
        <source>Closing other programs frees memory.</source>
        <translation>Das Schließen anderer Programme gibt Speicher frei.</translation>
    </message>
</context>
<context>
    <name>awq::gui::SaliencyHeatmap</name>
    <message>
        <location filename="../app/gui/saliency_heatmap.cpp" line="35"/>
        <source>mean |x|</source>
        <translation>Mittel |x|</translation>
    </message>
    <message>
        <location filename="../app/gui/saliency_heatmap.cpp" line="47"/>
        <source>top 1 % channels</source>
        <translation>oberste 1 % der Kanäle</translation>
    </message>
    <message>
        <location filename="../app/gui/saliency_heatmap.cpp" line="50"/>
        <source>input channel</source>
        <translation>Eingangskanal</translation>
    </message>
    <message>
        <location filename="../app/gui/saliency_heatmap.cpp" line="51"/>
        <location filename="../app/gui/saliency_heatmap.cpp" line="103"/>
        <source>layer</source>
        <translation>Schicht</translation>
    </message>
    <message>
        <location filename="../app/gui/saliency_heatmap.cpp" line="112"/>
        <source>mean |x| (layer %1)</source>
        <translation>Mittel |x| (Schicht %1)</translation>
    </message>
    <message>
        <location filename="../app/gui/saliency_heatmap.cpp" line="124"/>
        <source>layer %1, channel %2
mean |x| = %3</source>
        <translation>Schicht %1, Kanal %2
Mittel |x| = %3</translation>
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
        <translation>Quantisierungseinstellungen</translation>
    </message>
    <message>
        <location filename="../app/gui/settings_page.cpp" line="49"/>
        <source>%1 bits</source>
        <translation>%1 Bit</translation>
    </message>
    <message>
        <location filename="../app/gui/settings_page.cpp" line="50"/>
        <source>Bits</source>
        <translation>Bits</translation>
    </message>
    <message>
        <location filename="../app/gui/settings_page.cpp" line="50"/>
        <source>Default 4. Only 4-bit results can be exported for vLLM / transformers.</source>
        <translation>Standard 4. Nur 4-Bit-Ergebnisse lassen sich für vLLM / transformers exportieren.</translation>
    </message>
    <message>
        <location filename="../app/gui/settings_page.cpp" line="52"/>
        <source>per channel</source>
        <translation>je Kanal</translation>
    </message>
    <message>
        <location filename="../app/gui/settings_page.cpp" line="69"/>
        <source>Group size</source>
        <translation>Gruppengröße</translation>
    </message>
    <message>
        <location filename="../app/gui/settings_page.cpp" line="57"/>
        <source>Default 128. Weights sharing one scale and zero point.</source>
        <translation>Standard 128. Gewichte, die sich Skala und Nullpunkt teilen.</translation>
    </message>
    <message>
        <location filename="../app/gui/settings_page.cpp" line="70"/>
        <source>Asymmetric (zero point)</source>
        <translation>Asymmetrisch (Nullpunkt)</translation>
    </message>
    <message>
        <location filename="../app/gui/settings_page.cpp" line="71"/>
        <source>Zero point</source>
        <translation>Nullpunkt</translation>
    </message>
    <message>
        <location filename="../app/gui/settings_page.cpp" line="71"/>
        <source>Default on. A per-group offset fits skewed weight ranges.</source>
        <translation>Standard an. Ein Versatz je Gruppe passt zu schiefen Wertebereichen.</translation>
    </message>
    <message>
        <location filename="../app/gui/settings_page.cpp" line="72"/>
        <source>Search a clipping range</source>
        <translation>Einen Beschnittbereich suchen</translation>
    </message>
    <message>
        <location filename="../app/gui/settings_page.cpp" line="73"/>
        <source>Clip search</source>
        <translation>Clip-Suche</translation>
    </message>
    <message>
        <location filename="../app/gui/settings_page.cpp" line="73"/>
        <source>Default on. Shrinks each group&apos;s range where that lowers the output error.</source>
        <translation>Standard an. Verkleinert den Bereich jeder Gruppe, wo das den Ausgabefehler senkt.</translation>
    </message>
    <message>
        <location filename="../app/gui/settings_page.cpp" line="77"/>
        <source>Weighted (min and max, by activation-weighted error)</source>
        <translation>Gewichtet (Min. und Max., nach aktivierungsgewichtetem Fehler)</translation>
    </message>
    <message>
        <location filename="../app/gui/settings_page.cpp" line="76"/>
        <source>Clip (AWQ&apos;s symmetric shrink, by sampled output error)</source>
        <translation>Clip (symmetrisches Verkleinern von AWQ, nach Ausgabefehler auf Stichproben)</translation>
    </message>
    <message>
        <location filename="../app/gui/settings_page.cpp" line="78"/>
        <source>Range search</source>
        <translation>Bereichssuche</translation>
    </message>
    <message>
        <location filename="../app/gui/settings_page.cpp" line="83"/>
        <source>Auto (on below 4 bits)</source>
        <translation>Automatisch (unter 4 Bit an)</translation>
    </message>
    <message>
        <location filename="../app/gui/settings_page.cpp" line="84"/>
        <source>On</source>
        <translation>An</translation>
    </message>
    <message>
        <location filename="../app/gui/settings_page.cpp" line="85"/>
        <source>Off (AutoAWQ&apos;s clip search)</source>
        <translation>Aus (Clip-Suche von AutoAWQ)</translation>
    </message>
    <message>
        <location filename="../app/gui/settings_page.cpp" line="86"/>
        <source>Clip row check</source>
        <translation>Zeilenprüfung der Clip-Suche</translation>
    </message>
    <message>
        <location filename="../app/gui/settings_page.cpp" line="87"/>
        <source>Default auto. A row keeps its clipping only if that lowers the row&apos;s whole output error.</source>
        <translation>Standard automatisch. Eine Zeile behält ihren Beschnitt nur, wenn er den gesamten Ausgabefehler der Zeile senkt.</translation>
    </message>
    <message>
        <location filename="../app/gui/settings_page.cpp" line="88"/>
        <source>Scale by activations and weights</source>
        <translation>Nach Aktivierungen und Gewichten skalieren</translation>
    </message>
    <message>
        <location filename="../app/gui/settings_page.cpp" line="89"/>
        <source>Duo scaling</source>
        <translation>Duo-Skalierung</translation>
    </message>
    <message>
        <location filename="../app/gui/settings_page.cpp" line="89"/>
        <source>Default on. s = x^α / w^(1−α) instead of x^α alone.</source>
        <translation>Standard an. s = x^α / w^(1−α) statt nur x^α.</translation>
    </message>
    <message>
        <location filename="../app/gui/settings_page.cpp" line="90"/>
        <source>Also try no scaling (s = 1)</source>
        <translation>Auch ohne Skalierung versuchen (s = 1)</translation>
    </message>
    <message>
        <location filename="../app/gui/settings_page.cpp" line="92"/>
        <source>Identity candidate</source>
        <translation>Identitätskandidat</translation>
    </message>
    <message>
        <location filename="../app/gui/settings_page.cpp" line="93"/>
        <source>Default on. Duo scaling&apos;s grid never contains s = 1; a group that no α helps stays unscaled.</source>
        <translation>Standard an. Das Gitter der Duo-Skalierung enthält s = 1 nie; eine Gruppe, der kein α hilft, bleibt unskaliert.</translation>
    </message>
    <message>
        <location filename="../app/gui/settings_page.cpp" line="94"/>
        <source>Never worse than round-to-nearest</source>
        <translation>Nie schlechter als Rundung zum Nächsten</translation>
    </message>
    <message>
        <location filename="../app/gui/settings_page.cpp" line="96"/>
        <source>RTN fallback</source>
        <translation>RTN-Rückfall</translation>
    </message>
    <message>
        <location filename="../app/gui/settings_page.cpp" line="97"/>
        <source>Default on. A layer whose output error ends above round-to-nearest&apos;s keeps the round-to-nearest weights.</source>
        <translation>Standard an. Eine Schicht, deren Ausgabefehler über dem der Rundung zum Nächsten liegt, behält die gerundeten Gewichte.</translation>
    </message>
    <message>
        <location filename="../app/gui/settings_page.cpp" line="98"/>
        <source>Error feedback (AWQ + GPTQ)</source>
        <translation>Fehlerrückführung (AWQ + GPTQ)</translation>
    </message>
    <message>
        <location filename="../app/gui/settings_page.cpp" line="100"/>
        <source>Rounding</source>
        <translation>Rundung</translation>
    </message>
    <message>
        <location filename="../app/gui/settings_page.cpp" line="107"/>
        <source> %</source>
        <translation> %</translation>
    </message>
    <message>
        <location filename="../app/gui/settings_page.cpp" line="108"/>
        <source>none</source>
        <translation>keine</translation>
    </message>
    <message>
        <location filename="../app/gui/settings_page.cpp" line="109"/>
        <source>Keep in floating point</source>
        <translation>In Gleitkomma behalten</translation>
    </message>
    <message>
        <location filename="../app/gui/settings_page.cpp" line="110"/>
        <source>Default none. The most sensitive linears, up to this share of the weights, stay in FP16 (modules_to_not_convert; vLLM and transformers load them). Inspect → Mixed precision shows the trade-off.</source>
        <translation>Standard: keine. Die empfindlichsten linearen Schichten bleiben bis zu diesem Anteil der Gewichte in FP16 (modules_to_not_convert; vLLM und transformers laden sie). Untersuchen → Gemischte Genauigkeit zeigt den Kompromiss.</translation>
    </message>
    <message>
        <location filename="../app/gui/settings_page.cpp" line="115"/>
        <source>Grid points</source>
        <translation>Gitterpunkte</translation>
    </message>
    <message>
        <location filename="../app/gui/settings_page.cpp" line="115"/>
        <source>Default 20. Values of α tried per group: 0, 1/n, …, (n−1)/n.</source>
        <translation>Standard 20. Je Gruppe geprüfte α-Werte: 0, 1/n, …, (n−1)/n.</translation>
    </message>
    <message>
        <location filename="../app/gui/settings_page.cpp" line="119"/>
        <source>all blocks</source>
        <translation>alle Blöcke</translation>
    </message>
    <message>
        <location filename="../app/gui/settings_page.cpp" line="120"/>
        <source>Search blocks</source>
        <translation>Suchblöcke</translation>
    </message>
    <message>
        <location filename="../app/gui/settings_page.cpp" line="125"/>
        <source>all cores (%1)</source>
        <translation>alle Kerne (%1)</translation>
    </message>
    <message>
        <location filename="../app/gui/settings_page.cpp" line="126"/>
        <source>Threads / device</source>
        <translation>Threads / Gerät</translation>
    </message>
    <message>
        <location filename="../app/gui/settings_page.cpp" line="126"/>
        <source>Default: all CPU cores. The device (CPU or GPU) is chosen on the Quantize step.</source>
        <translation>Standard: alle CPU-Kerne. Das Gerät (CPU oder GPU) wird im Schritt „Quantisieren“ gewählt.</translation>
    </message>
    <message>
        <location filename="../app/gui/settings_page.cpp" line="133"/>
        <source>leave empty to keep the result in memory (chat and inspect only)</source>
        <translation>leer lassen, um das Ergebnis nur im Speicher zu halten (nur Chat und Untersuchen)</translation>
    </message>
    <message>
        <location filename="../app/gui/settings_page.cpp" line="135"/>
        <source>Browse…</source>
        <translation>Durchsuchen…</translation>
    </message>
    <message>
        <location filename="../app/gui/settings_page.cpp" line="137"/>
        <source>Output folder</source>
        <translation>Ausgabeordner</translation>
    </message>
    <message>
        <location filename="../app/gui/settings_page.cpp" line="137"/>
        <source>An AutoAWQ GEMM checkpoint is written here, all at once or not at all.</source>
        <translation>Hier wird ein AutoAWQ-GEMM-Checkpoint geschrieben – vollständig oder gar nicht.</translation>
    </message>
    <message>
        <location filename="../app/gui/settings_page.cpp" line="138"/>
        <source>Overwrite an existing folder</source>
        <translation>Vorhandenen Ordner überschreiben</translation>
    </message>
    <message>
        <location filename="../app/gui/settings_page.cpp" line="144"/>
        <source>Reset to defaults</source>
        <translation>Auf Standardwerte zurücksetzen</translation>
    </message>
    <message>
        <location filename="../app/gui/settings_page.cpp" line="157"/>
        <source>Output folder for the quantized model</source>
        <translation>Ausgabeordner für das quantisierte Modell</translation>
    </message>
    <message>
        <location filename="../app/gui/settings_page.cpp" line="252"/>
        <source>The result stays in memory; nothing is written.</source>
        <translation>Das Ergebnis bleibt im Speicher; nichts wird geschrieben.</translation>
    </message>
    <message>
        <location filename="../app/gui/settings_page.cpp" line="256"/>
        <source>only 4-bit models can be exported; choose 4 bits or clear the folder</source>
        <translation>nur 4-Bit-Modelle lassen sich exportieren; wählen Sie 4 Bit oder leeren Sie den Ordner</translation>
    </message>
    <message>
        <location filename="../app/gui/settings_page.cpp" line="259"/>
        <source>⚠ %1 exists and will be replaced.</source>
        <translation>⚠ %1 existiert und wird ersetzt.</translation>
    </message>
    <message>
        <location filename="../app/gui/settings_page.cpp" line="260"/>
        <source>✓ %1 will be created.</source>
        <translation>✓ %1 wird angelegt.</translation>
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
        <translation>Standard Clip. Gewichtet: Minimum und Maximum jeder Gruppe schrumpfen getrennt, bewertet mit Σ E[x²]·(w − q(w))² über alle Kalibrierungstokens.</translation>
    </message>
    <message>
        <location filename="../app/gui/settings_page.cpp" line="101"/>
        <source>Default on. Rounds each linear column by column and spreads the error over the columns not yet rounded (GPTQ). CPU only: a GPU run rounds without it.</source>
        <translation>Standard an. Rundet jede lineare Schicht Spalte für Spalte und verteilt den Fehler auf die noch nicht gerundeten Spalten (GPTQ). Nur CPU: Ein GPU-Lauf rundet ohne sie.</translation>
    </message>
    <message>
        <location filename="../app/gui/settings_page.cpp" line="121"/>
        <source>Default 8. The attention and MLP losses of the α grid run on the first N calibration blocks only: fewer is faster; “all blocks” is the reference&apos;s search.</source>
        <translation>Standard 8. Die Attention- und MLP-Verluste des α-Gitters laufen nur auf den ersten N Kalibrierblöcken: weniger ist schneller; „alle Blöcke“ ist die Suche der Referenz.</translation>
    </message>
    <message>
        <location filename="../app/gui/settings_page.cpp" line="179"/>
        <source>Group size %1 quantizes them all.</source>
        <translation>Gruppengröße %1 quantisiert sie alle.</translation>
    </message>
    <message>
        <location filename="../app/gui/settings_page.cpp" line="181"/>
        <source>Only per-channel quantization fits every linear.</source>
        <translation>Nur die Quantisierung je Kanal passt zu allen linearen Schichten.</translation>
    </message>
    <message>
        <location filename="../app/gui/settings_page.cpp" line="187"/>
        <source>Use %1</source>
        <translation>%1 verwenden</translation>
    </message>
</context>
<context>
    <name>awq::gui::TokenCompareView</name>
    <message>
        <location filename="../app/gui/token_compare_view.cpp" line="112"/>
        <source>Send a message: the original answers, and the INT4 model is measured on the same tokens.</source>
        <translation>Senden Sie eine Nachricht: Das Original antwortet, und das INT4-Modell wird auf denselben Tokens gemessen.</translation>
    </message>
    <message>
        <location filename="../app/gui/token_compare_view.cpp" line="116"/>
        <source>Each token&apos;s background shows the KL divergence of the two models&apos; next-token distributions (none below 0.001, yellow to red up to 1 nat); underlined: the INT4 model&apos;s most probable token differs. Hover a token for both top-5.</source>
        <translation>Der Hintergrund jedes Tokens zeigt die KL-Divergenz der Nächstes-Token-Verteilungen beider Modelle (keiner unter 0,001, gelb bis rot bis 1 nat); unterstrichen: das wahrscheinlichste Token des INT4-Modells weicht ab. Zeigen Sie auf ein Token für beide Top-5.</translation>
    </message>
    <message>
        <location filename="../app/gui/token_compare_view.cpp" line="139"/>
        <source>Comparing …</source>
        <translation>Vergleiche …</translation>
    </message>
    <message>
        <location filename="../app/gui/token_compare_view.cpp" line="177"/>
        <source>KL divergence: %1</source>
        <translation>KL-Divergenz: %1</translation>
    </message>
    <message>
        <location filename="../app/gui/token_compare_view.cpp" line="178"/>
        <source>INT4&apos;s probability of %1: %2 %</source>
        <translation>Wahrscheinlichkeit von %1 im INT4-Modell: %2 %</translation>
    </message>
    <message>
        <location filename="../app/gui/token_compare_view.cpp" line="179"/>
        <source>Original top-5</source>
        <translation>Original Top-5</translation>
    </message>
    <message>
        <location filename="../app/gui/token_compare_view.cpp" line="179"/>
        <source>INT4 top-5</source>
        <translation>INT4 Top-5</translation>
    </message>
    <message>
        <location filename="../app/gui/token_compare_view.cpp" line="184"/>
        <source>The comparison failed: %1</source>
        <translation>Der Vergleich ist fehlgeschlagen: %1</translation>
    </message>
    <message>
        <location filename="../app/gui/token_compare_view.cpp" line="189"/>
        <source>The original gave no reply tokens to compare.</source>
        <translation>Das Original lieferte keine Antwort-Tokens zum Vergleichen.</translation>
    </message>
    <message numerus="yes">
        <location filename="../app/gui/token_compare_view.cpp" line="199"/>
        <source>Top-1 agreement %1 % · mean KL %2 (%n token(s))</source>
        <translation>
            <numerusform>Top-1-Übereinstimmung %1 % · mittlere KL %2 (%n Token)</numerusform>
            <numerusform>Top-1-Übereinstimmung %1 % · mittlere KL %2 (%n Tokens)</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>awq::gui::TradeoffPlot</name>
    <message>
        <location filename="../app/gui/tradeoff_plot.cpp" line="17"/>
        <source>calibration error (predicted)</source>
        <translation>Kalibrierungsfehler (vorhergesagt)</translation>
    </message>
    <message>
        <location filename="../app/gui/tradeoff_plot.cpp" line="21"/>
        <source>perplexity (measured)</source>
        <translation>Perplexität (gemessen)</translation>
    </message>
    <message>
        <location filename="../app/gui/tradeoff_plot.cpp" line="24"/>
        <source>linear weights kept in floating point (%)</source>
        <translation>in Gleitkomma behaltene lineare Gewichte (%)</translation>
    </message>
    <message>
        <location filename="../app/gui/tradeoff_plot.cpp" line="25"/>
        <source>summed relative layer error</source>
        <translation>summierter relativer Schichtfehler</translation>
    </message>
    <message>
        <location filename="../app/gui/tradeoff_plot.cpp" line="26"/>
        <source>perplexity</source>
        <translation>Perplexität</translation>
    </message>
    <message>
        <location filename="../app/gui/tradeoff_plot.cpp" line="34"/>
        <source>No sensitivities in this report (measured by the CPU since December 2026)</source>
        <translation>Keine Empfindlichkeiten in diesem Bericht (die CPU misst sie seit Dezember 2026)</translation>
    </message>
    <message>
        <location filename="../app/gui/tradeoff_plot.cpp" line="58"/>
        <source>Mixed precision: size vs error (perplexity from awq compare --sweep)</source>
        <translation>Gemischte Genauigkeit: Größe gegen Fehler (Perplexität aus awq compare --sweep)</translation>
    </message>
    <message>
        <location filename="../app/gui/tradeoff_plot.cpp" line="59"/>
        <source>Mixed precision: size vs predicted error</source>
        <translation>Gemischte Genauigkeit: Größe gegen vorhergesagten Fehler</translation>
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
