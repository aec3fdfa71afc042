<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="de_DE">
<context>
    <name>EdgeItem</name>
    <message>
        <source>lag %1</source>
        <translation>Verzug %1</translation>
    </message>
</context>
<context>
    <name>NodeItem</name>
    <message>
        <source>running</source>
        <translation>läuft</translation>
    </message>
    <message>
        <source>paused</source>
        <translation>pausiert</translation>
    </message>
    <message>
        <source>failed</source>
        <translation>fehlgeschlagen</translation>
    </message>
    <message>
        <source>idle</source>
        <translation>bereit</translation>
    </message>
    <message>
        <source>Unknown kind %1</source>
        <translation>Unbekannte Art %1</translation>
    </message>
    <message>
        <source>No problems</source>
        <translation>Keine Probleme</translation>
    </message>
    <message>
        <source>a table</source>
        <translation>eine Tabelle</translation>
    </message>
    <message>
        <source>records</source>
        <translation>Datensätze</translation>
    </message>
    <message>
        <source>Input %1: %2</source>
        <translation>Eingang %1: %2</translation>
    </message>
    <message>
        <source>Output %1: %2</source>
        <translation>Ausgang %1: %2</translation>
    </message>
</context>
<context>
    <name>RunOverlay</name>
    <message>
        <source>MAE %1</source>
        <translation>MAE %1</translation>
    </message>
    <message>
        <source>accuracy %1%</source>
        <translation>Genauigkeit %1%</translation>
    </message>
    <message numerus="yes">
        <source>%n cluster(s)</source>
        <translation>
            <numerusform>%n Cluster</numerusform>
            <numerusform>%n Cluster</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n anomaly(ies)</source>
        <translation>
            <numerusform>%n Anomalie</numerusform>
            <numerusform>%n Anomalien</numerusform>
        </translation>
    </message>
    <message>
        <source>rejected %1</source>
        <translation>abgelehnt %1</translation>
    </message>
    <message>
        <source>wm %1</source>
        <translation>WM %1</translation>
    </message>
</context>
<context>
    <name>canvas</name>
    <message>
        <source>%1/s</source>
        <extracomment>a rate: %1 is a compact count such as 12.4k</extracomment>
        <translation>%1/s</translation>
    </message>
</context>
<context>
    <name>tributary::ui::CanvasView</name>
    <message>
        <source>&amp;Delete</source>
        <translation>&amp;Löschen</translation>
    </message>
    <message>
        <source>Cu&amp;t</source>
        <translation>&amp;Ausschneiden</translation>
    </message>
    <message>
        <source>&amp;Copy</source>
        <translation>&amp;Kopieren</translation>
    </message>
    <message>
        <source>&amp;Paste</source>
        <translation>&amp;Einfügen</translation>
    </message>
    <message>
        <source>D&amp;uplicate</source>
        <translation>D&amp;uplizieren</translation>
    </message>
    <message>
        <source>Select &amp;All</source>
        <translation>&amp;Alles auswählen</translation>
    </message>
    <message>
        <source>Auto &amp;Layout</source>
        <translation>Automatisch an&amp;ordnen</translation>
    </message>
    <message>
        <source>Zoom &amp;In</source>
        <translation>Ver&amp;größern</translation>
    </message>
    <message>
        <source>Zoom &amp;Out</source>
        <translation>Ver&amp;kleinern</translation>
    </message>
    <message>
        <source>&amp;Fit to View</source>
        <translation>&amp;Einpassen</translation>
    </message>
    <message>
        <source>Zoom &amp;100 %</source>
        <translation>Zoom &amp;100 %</translation>
    </message>
    <message>
        <source>&amp;Quick Add…</source>
        <translation>&amp;Schnell hinzufügen…</translation>
    </message>
</context>
<context>
    <name>tributary::ui::ChartsDock</name>
    <message>
        <source>Charts</source>
        <translation>Diagramme</translation>
    </message>
    <message>
        <source>Throughput per node</source>
        <translation>Durchsatz je Knoten</translation>
    </message>
    <message>
        <source>rows/s</source>
        <translation>Zeilen/s</translation>
    </message>
    <message>
        <source>Lag per job (its input topics)</source>
        <translation>Verzug je Job (seine Eingangs-Topics)</translation>
    </message>
    <message>
        <source>records</source>
        <translation>Datensätze</translation>
    </message>
    <message>
        <source>Batch duration per job</source>
        <translation>Batch-Dauer je Job</translation>
    </message>
    <message>
        <source>ms</source>
        <translation>ms</translation>
    </message>
    <message>
        <source>Throughput</source>
        <translation>Durchsatz</translation>
    </message>
    <message>
        <source>Lag</source>
        <translation>Verzug</translation>
    </message>
    <message>
        <source>Batch duration</source>
        <translation>Batch-Dauer</translation>
    </message>
    <message>
        <source>Save as PNG…</source>
        <translation>Als PNG speichern…</translation>
    </message>
    <message>
        <source>Save the chart shown as a PNG image</source>
        <translation>Das angezeigte Diagramm als PNG-Bild speichern</translation>
    </message>
    <message>
        <source>Save Chart</source>
        <translation>Diagramm speichern</translation>
    </message>
    <message>
        <source>PNG images (*.png)</source>
        <translation>PNG-Bilder (*.png)</translation>
    </message>
    <message>
        <source>The chart could not be saved to %1.</source>
        <translation>Das Diagramm konnte nicht unter %1 gespeichert werden.</translation>
    </message>
</context>
<context>
    <name>tributary::ui::DocumentCommand</name>
    <message>
        <source>Add %1</source>
        <translation>%1 hinzufügen</translation>
    </message>
    <message>
        <source>Move %1</source>
        <translation>%1 verschieben</translation>
    </message>
    <message numerus="yes">
        <source>Move %n node(s)</source>
        <translation>
            <numerusform>%n Knoten verschieben</numerusform>
            <numerusform>%n Knoten verschieben</numerusform>
        </translation>
    </message>
    <message>
        <source>Auto layout</source>
        <translation>Automatisches Layout</translation>
    </message>
    <message>
        <source>Connect %1 to %2</source>
        <translation>%1 mit %2 verbinden</translation>
    </message>
    <message>
        <source>Disconnect %1 from %2</source>
        <translation>%1 von %2 trennen</translation>
    </message>
    <message numerus="yes">
        <source>Disconnect %n edge(s)</source>
        <translation>
            <numerusform>%n Verbindung trennen</numerusform>
            <numerusform>%n Verbindungen trennen</numerusform>
        </translation>
    </message>
    <message>
        <source>Edit %1.%2</source>
        <translation>%1.%2 bearbeiten</translation>
    </message>
    <message>
        <source>Rename %1</source>
        <translation>%1 umbenennen</translation>
    </message>
    <message>
        <source>Replace %1</source>
        <translation>%1 ersetzen</translation>
    </message>
</context>
<context>
    <name>tributary::ui::EngineController</name>
    <message>
        <source>Stop the run first: it holds the data folder the broker would serve.</source>
        <translation>Halten Sie zuerst den Lauf an: Er belegt den Datenordner, den der Broker bereitstellen würde.</translation>
    </message>
    <message>
        <source>The Kafka broker could not start: %1</source>
        <translation>Der Kafka-Broker konnte nicht starten: %1</translation>
    </message>
    <message>
        <source>Stop the run first: it writes through the broker&apos;s log.</source>
        <translation>Halten Sie zuerst den Lauf an: Er schreibt über das Log des Brokers.</translation>
    </message>
</context>
<context>
    <name>tributary::ui::ExpressionEdit</name>
    <message>
        <source>Enter an expression over the input&apos;s fields.</source>
        <translation>Geben Sie einen Ausdruck über die Felder der Eingabe ein.</translation>
    </message>
    <message>
        <source>Connect an input to check this expression.</source>
        <translation>Verbinden Sie eine Eingabe, um diesen Ausdruck zu prüfen.</translation>
    </message>
    <message>
        <source>Type: %1</source>
        <translation>Typ: %1</translation>
    </message>
</context>
<context>
    <name>tributary::ui::HistoryDock</name>
    <message>
        <source>%1 s</source>
        <translation>%1 s</translation>
    </message>
    <message>
        <source>%1 min %2 s</source>
        <translation>%1 min %2 s</translation>
    </message>
    <message>
        <source>%1 h %2 min</source>
        <translation>%1 h %2 min</translation>
    </message>
    <message>
        <source>running</source>
        <translation>läuft</translation>
    </message>
    <message>
        <source>finished</source>
        <translation>beendet</translation>
    </message>
    <message>
        <source>stopped</source>
        <translation>angehalten</translation>
    </message>
    <message>
        <source>failed</source>
        <translation>fehlgeschlagen</translation>
    </message>
    <message>
        <source>History</source>
        <translation>Verlauf</translation>
    </message>
    <message>
        <source>Rows per second per job</source>
        <translation>Zeilen pro Sekunde je Job</translation>
    </message>
    <message>
        <source>rows/s</source>
        <translation>Zeilen/s</translation>
    </message>
    <message>
        <source>Lag per job</source>
        <translation>Verzug je Job</translation>
    </message>
    <message>
        <source>records</source>
        <translation>Datensätze</translation>
    </message>
    <message>
        <source>Pipeline</source>
        <translation>Pipeline</translation>
    </message>
    <message>
        <source>Started</source>
        <translation>Gestartet</translation>
    </message>
    <message>
        <source>Duration</source>
        <translation>Dauer</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>Refresh</source>
        <translation>Aktualisieren</translation>
    </message>
    <message>
        <source>The run history cannot be read: %1</source>
        <translation>Der Laufverlauf kann nicht gelesen werden: %1</translation>
    </message>
</context>
<context>
    <name>tributary::ui::InspectorDock</name>
    <message>
        <source>Inspector</source>
        <translation>Inspektor</translation>
    </message>
    <message>
        <source>Label</source>
        <translation>Bezeichnung</translation>
    </message>
    <message>
        <source>Id</source>
        <translation>ID</translation>
    </message>
    <message numerus="yes">
        <source>%n nodes selected.</source>
        <translation>
            <numerusform>%n Knoten ausgewählt.</numerusform>
            <numerusform>%n Knoten ausgewählt.</numerusform>
        </translation>
    </message>
    <message>
        <source>Select a node to edit its parameters.</source>
        <translation>Wählen Sie einen Knoten aus, um seine Parameter zu bearbeiten.</translation>
    </message>
    <message>
        <source>Unknown kind %1</source>
        <translation>Unbekannte Art %1</translation>
    </message>
    <message>
        <source>%1 *</source>
        <translation>%1 *</translation>
    </message>
    <message>
        <source>%1 · %2</source>
        <translation>%1 · %2</translation>
    </message>
    <message>
        <source>No problems.</source>
        <translation>Keine Probleme.</translation>
    </message>
    <message>
        <source>Problems</source>
        <translation>Probleme</translation>
    </message>
</context>
<context>
    <name>tributary::ui::MainWindow</name>
    <message>
        <source>Pipelines (*.json);;All files (*)</source>
        <translation>Pipelines (*.json);;Alle Dateien (*)</translation>
    </message>
    <message>
        <source>&amp;New</source>
        <translation>&amp;Neu</translation>
    </message>
    <message>
        <source>&amp;Open…</source>
        <translation>Ö&amp;ffnen…</translation>
    </message>
    <message>
        <source>&amp;Save</source>
        <translation>&amp;Speichern</translation>
    </message>
    <message>
        <source>Save &amp;As…</source>
        <translation>Speichern &amp;unter…</translation>
    </message>
    <message>
        <source>&amp;Import…</source>
        <translation>&amp;Importieren…</translation>
    </message>
    <message>
        <source>&amp;Export JSON…</source>
        <translation>JSON &amp;exportieren…</translation>
    </message>
    <message>
        <source>&amp;Preferences…</source>
        <translation>&amp;Einstellungen…</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>&amp;Beenden</translation>
    </message>
    <message>
        <source>&amp;Undo</source>
        <translation>&amp;Rückgängig</translation>
    </message>
    <message>
        <source>&amp;Redo</source>
        <translation>&amp;Wiederherstellen</translation>
    </message>
    <message>
        <source>Cu&amp;t</source>
        <translation>&amp;Ausschneiden</translation>
    </message>
    <message>
        <source>&amp;Copy</source>
        <translation>&amp;Kopieren</translation>
    </message>
    <message>
        <source>&amp;Paste</source>
        <translation>E&amp;infügen</translation>
    </message>
    <message>
        <source>&amp;Delete</source>
        <translation>&amp;Löschen</translation>
    </message>
    <message>
        <source>D&amp;uplicate</source>
        <translation>D&amp;uplizieren</translation>
    </message>
    <message>
        <source>Select &amp;All</source>
        <translation>&amp;Alles auswählen</translation>
    </message>
    <message>
        <source>&amp;Find Node…</source>
        <translation>Knoten &amp;suchen…</translation>
    </message>
    <message>
        <source>&amp;Validate</source>
        <translation>&amp;Prüfen</translation>
    </message>
    <message>
        <source>Auto &amp;Layout</source>
        <translation>Automatisches &amp;Layout</translation>
    </message>
    <message>
        <source>&amp;Start Page</source>
        <translation>&amp;Startseite</translation>
    </message>
    <message>
        <source>&amp;About Tributary</source>
        <translation>Ü&amp;ber Tributary</translation>
    </message>
    <message>
        <source>Open Pipeline</source>
        <translation>Pipeline öffnen</translation>
    </message>
    <message>
        <source>Save Pipeline As</source>
        <translation>Pipeline speichern unter</translation>
    </message>
    <message>
        <source>Import Pipeline</source>
        <translation>Pipeline importieren</translation>
    </message>
    <message>
        <source>Export JSON</source>
        <translation>JSON exportieren</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>&amp;Datei</translation>
    </message>
    <message>
        <source>Open &amp;Recent</source>
        <translation>&amp;Zuletzt geöffnet</translation>
    </message>
    <message>
        <source>&amp;Edit</source>
        <translation>&amp;Bearbeiten</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>&amp;Ansicht</translation>
    </message>
    <message>
        <source>&amp;Pipeline</source>
        <translation>&amp;Pipeline</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>&amp;Hilfe</translation>
    </message>
    <message>
        <source>File</source>
        <translation>Datei</translation>
    </message>
    <message>
        <source>Edit</source>
        <translation>Bearbeiten</translation>
    </message>
    <message>
        <source>Pipeline</source>
        <translation>Pipeline</translation>
    </message>
    <message>
        <source>Run</source>
        <translation>Ausführen</translation>
    </message>
    <message>
        <source>No problems</source>
        <translation>Keine Probleme</translation>
    </message>
    <message numerus="yes">
        <source>%n problem(s)</source>
        <translation>
            <numerusform>%n Problem</numerusform>
            <numerusform>%n Probleme</numerusform>
        </translation>
    </message>
    <message>
        <source>Data folder: %1</source>
        <translation>Datenordner: %1</translation>
    </message>
    <message>
        <source>The pipeline is valid.</source>
        <translation>Die Pipeline ist gültig.</translation>
    </message>
    <message numerus="yes">
        <source>The pipeline has %n problem(s).</source>
        <translation>
            <numerusform>Die Pipeline hat %n Problem.</numerusform>
            <numerusform>Die Pipeline hat %n Probleme.</numerusform>
        </translation>
    </message>
    <message>
        <source>New pipeline</source>
        <translation>Neue Pipeline</translation>
    </message>
    <message>
        <source>Cannot open %1</source>
        <translation>%1 kann nicht geöffnet werden</translation>
    </message>
    <message>
        <source>Opened %1</source>
        <translation>%1 geöffnet</translation>
    </message>
    <message>
        <source>Save Pipeline</source>
        <translation>Pipeline speichern</translation>
    </message>
    <message>
        <source>Cannot save %1</source>
        <translation>%1 kann nicht gespeichert werden</translation>
    </message>
    <message>
        <source>Saved %1</source>
        <translation>%1 gespeichert</translation>
    </message>
    <message>
        <source>Cannot import %1</source>
        <translation>%1 kann nicht importiert werden</translation>
    </message>
    <message>
        <source>Import %1</source>
        <translation>%1 importieren</translation>
    </message>
    <message>
        <source>Cannot export %1</source>
        <translation>%1 kann nicht exportiert werden</translation>
    </message>
    <message>
        <source>Exported %1</source>
        <translation>%1 exportiert</translation>
    </message>
    <message>
        <source>Cannot open the sample</source>
        <translation>Das Beispiel kann nicht geöffnet werden</translation>
    </message>
    <message>
        <source>&amp;%1 %2</source>
        <translation>&amp;%1 %2</translation>
    </message>
    <message>
        <source>Clear Recent Files</source>
        <translation>Liste leeren</translation>
    </message>
    <message>
        <source>Nothing to paste: %1</source>
        <translation>Nichts einzufügen: %1</translation>
    </message>
    <message>
        <source>%1 (%2)</source>
        <translation>%1 (%2)</translation>
    </message>
    <message>
        <source>Find Node</source>
        <translation>Knoten suchen</translation>
    </message>
    <message>
        <source>Node:</source>
        <translation>Knoten:</translation>
    </message>
    <message>
        <source>About Tributary</source>
        <translation>Über Tributary</translation>
    </message>
    <message>
        <source>&lt;b&gt;Tributary %1&lt;/b&gt;&lt;p&gt;A designer for streaming pipelines: sources, topics, windows, transforms, machine learning and sinks.&lt;/p&gt;</source>
        <translation>&lt;b&gt;Tributary %1&lt;/b&gt;&lt;p&gt;Ein Designer für Streaming-Pipelines: Quellen, Topics, Fenster, Transformationen, maschinelles Lernen und Senken.&lt;/p&gt;</translation>
    </message>
    <message>
        <source>Unsaved Changes</source>
        <translation>Ungespeicherte Änderungen</translation>
    </message>
    <message>
        <source>%1 has unsaved changes. Save them?</source>
        <translation>%1 hat ungespeicherte Änderungen. Speichern?</translation>
    </message>
    <message>
        <source>Import</source>
        <translation>Importieren</translation>
    </message>
    <message>
        <source>The pipeline already has nodes with these ids: %1.</source>
        <translation>Die Pipeline hat bereits Knoten mit diesen IDs: %1.</translation>
    </message>
    <message>
        <source>Import them as copies with new ids, or replace the nodes?</source>
        <translation>Als Kopien mit neuen IDs importieren oder die Knoten ersetzen?</translation>
    </message>
    <message>
        <source>Import as Copies</source>
        <translation>Als Kopien importieren</translation>
    </message>
    <message>
        <source>Replace</source>
        <translation>Ersetzen</translation>
    </message>
    <message>
        <source>pipeline.json</source>
        <translation>pipeline.json</translation>
    </message>
    <message>
        <source>&amp;Run</source>
        <translation>&amp;Ausführen</translation>
    </message>
    <message>
        <source>The pipeline cannot run</source>
        <translation>Die Pipeline kann nicht laufen</translation>
    </message>
    <message>
        <source>The run failed</source>
        <translation>Der Lauf ist fehlgeschlagen</translation>
    </message>
    <message>
        <source>Serve Topics to &amp;Kafka Clients</source>
        <translation>Topics für &amp;Kafka-Clients bereitstellen</translation>
    </message>
    <message>
        <source>Kafka clients (kcat, librdkafka, kafkajs, Java) produce to and consume from the data folder&apos;s topics</source>
        <translation>Kafka-Clients (kcat, librdkafka, kafkajs, Java) schreiben in die Topics des Datenordners und lesen aus ihnen</translation>
    </message>
    <message>
        <source>Kafka clients can connect to %1</source>
        <translation>Kafka-Clients können sich mit %1 verbinden</translation>
    </message>
    <message>
        <source>Kafka broker</source>
        <translation>Kafka-Broker</translation>
    </message>
    <message numerus="yes">
        <source>Kafka %1 · %n client(s)</source>
        <translation>
            <numerusform>Kafka %1 · %n Client</numerusform>
            <numerusform>Kafka %1 · %n Clients</numerusform>
        </translation>
    </message>
    <message>
        <source>%1 records produced by Kafka clients, %2 requests</source>
        <translation>%1 Datensätze von Kafka-Clients geschrieben, %2 Anfragen</translation>
    </message>
</context>
<context>
    <name>tributary::ui::NodeKinds</name>
    <message>
        <source>Replay a file</source>
        <translation>Datei abspielen</translation>
    </message>
    <message>
        <source>Generate a stream</source>
        <translation>Datenstrom erzeugen</translation>
    </message>
    <message>
        <source>TCP lines</source>
        <translation>TCP-Zeilen</translation>
    </message>
    <message>
        <source>Existing topic</source>
        <translation>Vorhandenes Topic</translation>
    </message>
    <message>
        <source>Kafka consumer</source>
        <translation>Kafka-Consumer</translation>
    </message>
    <message>
        <source>Topic</source>
        <translation>Topic</translation>
    </message>
    <message>
        <source>Tumbling window</source>
        <translation>Tumbling-Fenster</translation>
    </message>
    <message>
        <source>Hopping window</source>
        <translation>Hopping-Fenster</translation>
    </message>
    <message>
        <source>Sliding window</source>
        <translation>Gleitendes Fenster</translation>
    </message>
    <message>
        <source>Session window</source>
        <translation>Sitzungsfenster</translation>
    </message>
    <message>
        <source>Filter</source>
        <translation>Filter</translation>
    </message>
    <message>
        <source>Map</source>
        <translation>Felder berechnen</translation>
    </message>
    <message>
        <source>Aggregate</source>
        <translation>Aggregieren</translation>
    </message>
    <message>
        <source>Join</source>
        <translation>Join</translation>
    </message>
    <message>
        <source>Dedupe</source>
        <translation>Duplikate entfernen</translation>
    </message>
    <message>
        <source>Union</source>
        <translation>Vereinigung</translation>
    </message>
    <message>
        <source>SQL</source>
        <translation>SQL</translation>
    </message>
    <message>
        <source>Streaming k-means</source>
        <translation>Streaming-k-Means</translation>
    </message>
    <message>
        <source>Linear regression</source>
        <translation>Lineare Regression</translation>
    </message>
    <message>
        <source>Logistic regression</source>
        <translation>Logistische Regression</translation>
    </message>
    <message>
        <source>Anomaly score</source>
        <translation>Anomaliewert</translation>
    </message>
    <message>
        <source>JSON-lines file</source>
        <translation>JSON-Lines-Datei</translation>
    </message>
    <message>
        <source>CSV file</source>
        <translation>CSV-Datei</translation>
    </message>
    <message>
        <source>SQLite table</source>
        <translation>SQLite-Tabelle</translation>
    </message>
    <message>
        <source>Kafka producer</source>
        <translation>Kafka-Producer</translation>
    </message>
    <message>
        <source>Chart</source>
        <translation>Diagramm</translation>
    </message>
    <message>
        <source>Console</source>
        <translation>Konsole</translation>
    </message>
</context>
<context>
    <name>tributary::ui::ObjectListEditor</name>
    <message>
        <source>Add</source>
        <translation>Hinzufügen</translation>
    </message>
    <message>
        <source>Add a row at the end</source>
        <translation>Eine Zeile am Ende hinzufügen</translation>
    </message>
    <message>
        <source>Remove</source>
        <translation>Entfernen</translation>
    </message>
    <message>
        <source>Remove the selected row</source>
        <translation>Die ausgewählte Zeile entfernen</translation>
    </message>
    <message>
        <source>Move Up</source>
        <translation>Nach oben</translation>
    </message>
    <message>
        <source>Move the selected row up</source>
        <translation>Die ausgewählte Zeile nach oben verschieben</translation>
    </message>
    <message>
        <source>Move Down</source>
        <translation>Nach unten</translation>
    </message>
    <message>
        <source>Move the selected row down</source>
        <translation>Die ausgewählte Zeile nach unten verschieben</translation>
    </message>
    <message>
        <source>JSON</source>
        <comment>the text format</comment>
        <translation>JSON</translation>
    </message>
    <message>
        <source>Edit the list as JSON</source>
        <translation>Die Liste als JSON bearbeiten</translation>
    </message>
    <message>
        <source>(none)</source>
        <translation>(keines)</translation>
    </message>
    <message>
        <source>Type: %1</source>
        <translation>Typ: %1</translation>
    </message>
    <message>
        <source>The table cannot show this value; edit it as JSON</source>
        <translation>Die Tabelle kann diesen Wert nicht darstellen; bearbeiten Sie ihn als JSON</translation>
    </message>
</context>
<context>
    <name>tributary::ui::PaletteDock</name>
    <message>
        <source>Sources</source>
        <translation>Quellen</translation>
    </message>
    <message>
        <source>Topics</source>
        <translation>Topics</translation>
    </message>
    <message>
        <source>Windows</source>
        <translation>Fenster</translation>
    </message>
    <message>
        <source>Transforms</source>
        <translation>Transformationen</translation>
    </message>
    <message>
        <source>Machine learning</source>
        <translation>Maschinelles Lernen</translation>
    </message>
    <message>
        <source>Sinks</source>
        <translation>Senken</translation>
    </message>
    <message>
        <source>Palette</source>
        <translation>Palette</translation>
    </message>
    <message>
        <source>Search node kinds</source>
        <translation>Knotenarten suchen</translation>
    </message>
</context>
<context>
    <name>tributary::ui::ParamEditor</name>
    <message>
        <source>Values separated by commas</source>
        <translation>Werte, durch Kommas getrennt</translation>
    </message>
    <message>
        <source>Not a field of the input</source>
        <translation>Kein Feld der Eingabe</translation>
    </message>
    <message>
        <source>Not valid JSON yet</source>
        <translation>Noch kein gültiges JSON</translation>
    </message>
    <message>
        <source>One expression per line</source>
        <translation>Ein Ausdruck pro Zeile</translation>
    </message>
    <message>
        <source>Choose a file</source>
        <translation>Datei auswählen</translation>
    </message>
    <message>
        <source>Output file</source>
        <translation>Ausgabedatei</translation>
    </message>
    <message>
        <source>Input file</source>
        <translation>Eingabedatei</translation>
    </message>
</context>
<context>
    <name>tributary::ui::PipelineDocument</name>
    <message>
        <source>Untitled</source>
        <translation>Unbenannt</translation>
    </message>
    <message>
        <source>%1%2 — Tributary</source>
        <extracomment>%1 is the file&apos;s name, %2 a star when it has unsaved changes</extracomment>
        <translation>%1%2 — Tributary</translation>
    </message>
    <message>
        <source>New pipeline</source>
        <translation>Neue Pipeline</translation>
    </message>
    <message>
        <source>Cannot open %1: %2</source>
        <translation>%1 kann nicht geöffnet werden: %2</translation>
    </message>
    <message>
        <source>%1 is not a Tributary pipeline: %2</source>
        <translation>%1 ist keine Tributary-Pipeline: %2</translation>
    </message>
    <message>
        <source>%1 cannot be read: %2</source>
        <translation>%1 kann nicht gelesen werden: %2</translation>
    </message>
    <message>
        <source>Cannot save %1: %2</source>
        <translation>%1 kann nicht gespeichert werden: %2</translation>
    </message>
    <message>
        <source>There is no node &apos;%1&apos;.</source>
        <translation>Es gibt keinen Knoten „%1“.</translation>
    </message>
    <message>
        <source>A node cannot feed itself.</source>
        <translation>Ein Knoten kann sich nicht selbst speisen.</translation>
    </message>
    <message>
        <source>%1 is of an unknown kind (%2).</source>
        <translation>%1 ist von unbekannter Art (%2).</translation>
    </message>
    <message>
        <source>%1 has no outputs.</source>
        <translation>%1 hat keine Ausgänge.</translation>
    </message>
    <message>
        <source>%1 has no output &apos;%2&apos; (it has: %3).</source>
        <translation>%1 hat keinen Ausgang „%2“ (vorhanden: %3).</translation>
    </message>
    <message>
        <source>%1 has no inputs.</source>
        <translation>%1 hat keine Eingänge.</translation>
    </message>
    <message>
        <source>%1 has no input &apos;%2&apos; (it has: %3).</source>
        <translation>%1 hat keinen Eingang „%2“ (vorhanden: %3).</translation>
    </message>
    <message>
        <source>%1 is already connected to %2.</source>
        <translation>%1 ist bereits mit %2 verbunden.</translation>
    </message>
    <message>
        <source>%1 already has its input (from %2); only topics and unions take several.</source>
        <translation>%1 hat bereits seine Eingabe (von %2); nur Topics und Vereinigungen nehmen mehrere.</translation>
    </message>
    <message>
        <source>Connecting %1 to %2 would make a cycle.</source>
        <translation>%1 mit %2 zu verbinden, ergäbe einen Zyklus.</translation>
    </message>
    <message>
        <source>The schema does not fit: %1</source>
        <translation>Das Schema passt nicht: %1</translation>
    </message>
    <message>
        <source>Delete %1</source>
        <translation>%1 löschen</translation>
    </message>
    <message numerus="yes">
        <source>Delete %n node(s)</source>
        <translation>
            <numerusform>%n Knoten löschen</numerusform>
            <numerusform>%n Knoten löschen</numerusform>
        </translation>
    </message>
    <message>
        <source>Copied nodes</source>
        <translation>Kopierte Knoten</translation>
    </message>
    <message>
        <source>Cut</source>
        <translation>Ausschneiden</translation>
    </message>
    <message>
        <source>Nothing to paste: %1</source>
        <translation>Nichts einzufügen: %1</translation>
    </message>
    <message>
        <source>Nothing to paste: there are no nodes.</source>
        <translation>Nichts einzufügen: Es gibt keine Knoten.</translation>
    </message>
    <message numerus="yes">
        <source>Paste %n node(s)</source>
        <translation>
            <numerusform>%n Knoten einfügen</numerusform>
            <numerusform>%n Knoten einfügen</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Duplicate %n node(s)</source>
        <translation>
            <numerusform>%n Knoten duplizieren</numerusform>
            <numerusform>%n Knoten duplizieren</numerusform>
        </translation>
    </message>
    <message>
        <source>Import</source>
        <translation>Importieren</translation>
    </message>
    <message>
        <source>Import %1</source>
        <translation>%1 importieren</translation>
    </message>
</context>
<context>
    <name>tributary::ui::PipelineScene</name>
    <message>
        <source>Delete</source>
        <translation>Löschen</translation>
    </message>
    <message numerus="yes">
        <source>Move %n node(s)</source>
        <translation>
            <numerusform>%n Knoten verschieben</numerusform>
            <numerusform>%n Knoten verschieben</numerusform>
        </translation>
    </message>
    <message>
        <source>An input connects to an output.</source>
        <translation>Ein Eingang verbindet sich mit einem Ausgang.</translation>
    </message>
    <message>
        <source>An output connects to an input.</source>
        <translation>Ein Ausgang verbindet sich mit einem Eingang.</translation>
    </message>
    <message>
        <source>These ports cannot be connected.</source>
        <translation>Diese Anschlüsse können nicht verbunden werden.</translation>
    </message>
</context>
<context>
    <name>tributary::ui::PreferencesDialog</name>
    <message>
        <source>Preferences</source>
        <translation>Einstellungen</translation>
    </message>
    <message>
        <source>System language</source>
        <translation>Systemsprache</translation>
    </message>
    <message>
        <source>Light</source>
        <translation>Hell</translation>
    </message>
    <message>
        <source>Dark</source>
        <translation>Dunkel</translation>
    </message>
    <message>
        <source>Choose a folder</source>
        <translation>Ordner auswählen</translation>
    </message>
    <message>
        <source>Default data folder</source>
        <translation>Standard-Datenordner</translation>
    </message>
    <message>
        <source>Language</source>
        <translation>Sprache</translation>
    </message>
    <message>
        <source>A new language takes effect when Tributary starts again.</source>
        <translation>Eine neue Sprache wird beim nächsten Start von Tributary wirksam.</translation>
    </message>
    <message>
        <source>Theme</source>
        <translation>Design</translation>
    </message>
    <message>
        <source>Data folder</source>
        <translation>Datenordner</translation>
    </message>
    <message>
        <source>Where the embedded Kafka broker listens, as host:port</source>
        <translation>Wo der eingebettete Kafka-Broker lauscht, als host:port</translation>
    </message>
    <message>
        <source>Kafka broker address</source>
        <translation>Adresse des Kafka-Brokers</translation>
    </message>
</context>
<context>
    <name>tributary::ui::PreviewDock</name>
    <message>
        <source>Preview</source>
        <translation>Vorschau</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>Grund</translation>
    </message>
    <message>
        <source>Position</source>
        <translation>Position</translation>
    </message>
    <message>
        <source>Raw</source>
        <translation>Rohdaten</translation>
    </message>
    <message>
        <source>Pause</source>
        <translation>Pause</translation>
    </message>
    <message>
        <source>Freeze the table; new records are skipped until you resume</source>
        <translation>Tabelle einfrieren; neue Datensätze werden bis zum Fortsetzen übersprungen</translation>
    </message>
    <message>
        <source>Records</source>
        <translation>Datensätze</translation>
    </message>
    <message>
        <source>Dead letters</source>
        <translation>Unzustellbare</translation>
    </message>
    <message numerus="yes">
        <source>%1 — paused, %n record(s)</source>
        <translation>
            <numerusform>%1 — pausiert, %n Datensatz</numerusform>
            <numerusform>%1 — pausiert, %n Datensätze</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%1 — %n record(s)</source>
        <translation>
            <numerusform>%1 — %n Datensatz</numerusform>
            <numerusform>%1 — %n Datensätze</numerusform>
        </translation>
    </message>
    <message>
        <source>Dead letters (%1)</source>
        <translation>Unzustellbare (%1)</translation>
    </message>
    <message>
        <source>%1 → %2</source>
        <comment>an edge from one node to another</comment>
        <translation>%1 → %2</translation>
    </message>
    <message>
        <source>Select a node or an edge to see its latest records.</source>
        <translation>Wählen Sie einen Knoten oder eine Verbindung, um die neuesten Datensätze zu sehen.</translation>
    </message>
</context>
<context>
    <name>tributary::ui::ProblemsDock</name>
    <message>
        <source>Problems</source>
        <translation>Probleme</translation>
    </message>
    <message>
        <source>Where</source>
        <translation>Ort</translation>
    </message>
    <message>
        <source>Problem</source>
        <translation>Problem</translation>
    </message>
    <message>
        <source>Problems (%1)</source>
        <translation>Probleme (%1)</translation>
    </message>
</context>
<context>
    <name>tributary::ui::QuickAddPopup</name>
    <message>
        <source>Add a node: type to search</source>
        <translation>Knoten hinzufügen: zum Suchen tippen</translation>
    </message>
    <message>
        <source>%1  ·  %2</source>
        <translation>%1  ·  %2</translation>
    </message>
</context>
<context>
    <name>tributary::ui::ResultChart</name>
    <message>
        <source>time</source>
        <translation>Zeit</translation>
    </message>
</context>
<context>
    <name>tributary::ui::RunControls</name>
    <message>
        <source>&amp;Run</source>
        <translation>&amp;Ausführen</translation>
    </message>
    <message>
        <source>&amp;Pause</source>
        <translation>&amp;Pause</translation>
    </message>
    <message>
        <source>&amp;Stop</source>
        <translation>&amp;Stopp</translation>
    </message>
    <message>
        <source>Reset &amp;State</source>
        <translation>&amp;Zustand zurücksetzen</translation>
    </message>
    <message>
        <source>Stop, and start the next run from nothing (topics and state)</source>
        <translation>Anhalten und den nächsten Lauf von vorn beginnen (Topics und Zustand)</translation>
    </message>
    <message>
        <source>Replay speed of the sources</source>
        <translation>Wiedergabegeschwindigkeit der Quellen</translation>
    </message>
    <message>
        <source>As set</source>
        <translation>Wie eingestellt</translation>
    </message>
    <message>
        <source>1×</source>
        <translation>1×</translation>
    </message>
    <message>
        <source>10×</source>
        <translation>10×</translation>
    </message>
    <message>
        <source>100×</source>
        <translation>100×</translation>
    </message>
    <message>
        <source>max</source>
        <translation>max.</translation>
    </message>
    <message>
        <source>Idle</source>
        <translation>Bereit</translation>
    </message>
    <message>
        <source>Running</source>
        <translation>Läuft</translation>
    </message>
    <message>
        <source>Paused</source>
        <translation>Pausiert</translation>
    </message>
    <message>
        <source>Finished</source>
        <translation>Beendet</translation>
    </message>
    <message>
        <source>Stopped</source>
        <translation>Angehalten</translation>
    </message>
    <message>
        <source>Failed</source>
        <translation>Fehlgeschlagen</translation>
    </message>
    <message>
        <source>&amp;Resume</source>
        <translation>&amp;Fortsetzen</translation>
    </message>
    <message>
        <source>%1 · %2 events/s · total lag %3</source>
        <translation>%1 · %2 Ereignisse/s · Gesamtverzug %3</translation>
    </message>
</context>
<context>
    <name>tributary::ui::StartPage</name>
    <message>
        <source>Tributary</source>
        <translation>Tributary</translation>
    </message>
    <message>
        <source>Design streaming pipelines, then run them live.</source>
        <translation>Streaming-Pipelines entwerfen und live ausführen.</translation>
    </message>
    <message>
        <source>New pipeline</source>
        <translation>Neue Pipeline</translation>
    </message>
    <message>
        <source>Open…</source>
        <translation>Öffnen…</translation>
    </message>
    <message>
        <source>Samples</source>
        <translation>Beispiele</translation>
    </message>
    <message>
        <source>Recent files</source>
        <translation>Zuletzt geöffnete Dateien</translation>
    </message>
    <message>
        <source>No samples found.</source>
        <translation>Keine Beispiele gefunden.</translation>
    </message>
    <message>
        <source>Nodes: %1</source>
        <translation>Knoten: %1</translation>
    </message>
    <message>
        <source>No recent files.</source>
        <translation>Keine zuletzt geöffneten Dateien.</translation>
    </message>
    <message>
        <source>Could not copy %1 to %2.</source>
        <translation>%1 konnte nicht nach %2 kopiert werden.</translation>
    </message>
    <message>
        <source>%1 holds no pipeline.json.</source>
        <translation>%1 enthält keine pipeline.json.</translation>
    </message>
</context>
<context>
    <name>tributary::ui::TimeSeriesChart</name>
    <message>
        <source>seconds</source>
        <translation>Sekunden</translation>
    </message>
    <message>
        <source>%1
%2 s: %3</source>
        <translation>%1
%2 s: %3</translation>
    </message>
</context>
<context>
    <name>tributary::ui::TopicRecordsView</name>
    <message>
        <source>Read</source>
        <translation>Lesen</translation>
    </message>
    <message>
        <source>Partition</source>
        <translation>Partition</translation>
    </message>
    <message>
        <source>From offset</source>
        <translation>Ab Offset</translation>
    </message>
    <message>
        <source>Offset</source>
        <translation>Offset</translation>
    </message>
    <message>
        <source>Time</source>
        <translation>Zeit</translation>
    </message>
    <message>
        <source>Key</source>
        <translation>Schlüssel</translation>
    </message>
    <message>
        <source>Value</source>
        <translation>Wert</translation>
    </message>
    <message>
        <source>(none)</source>
        <translation>(keiner)</translation>
    </message>
    <message>
        <source>(null)</source>
        <translation>(null)</translation>
    </message>
    <message numerus="yes">
        <source>%n record(s)</source>
        <translation>
            <numerusform>%n Datensatz</numerusform>
            <numerusform>%n Datensätze</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>tributary::ui::TopicsDock</name>
    <message>
        <source>Topics</source>
        <translation>Topics</translation>
    </message>
    <message>
        <source>Topic</source>
        <translation>Topic</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>Art</translation>
    </message>
    <message>
        <source>Partitions</source>
        <translation>Partitionen</translation>
    </message>
    <message>
        <source>End offset</source>
        <translation>End-Offset</translation>
    </message>
    <message>
        <source>Lag</source>
        <translation>Verzug</translation>
    </message>
    <message>
        <source>Read by</source>
        <translation>Gelesen von</translation>
    </message>
    <message>
        <source>dead letters</source>
        <translation>Unzustellbare</translation>
    </message>
    <message>
        <source>The records that node %1 rejected, with their reasons</source>
        <translation>Die von Knoten %1 abgelehnten Datensätze mit ihren Gründen</translation>
    </message>
    <message>
        <source>external</source>
        <translation>extern</translation>
    </message>
    <message>
        <source>internal</source>
        <translation>intern</translation>
    </message>
    <message>
        <source>topic</source>
        <translation>Topic</translation>
    </message>
    <message>
        <source>group %1</source>
        <translation>Gruppe %1</translation>
    </message>
</context>
</TS>
