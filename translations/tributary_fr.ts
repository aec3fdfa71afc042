<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="fr_FR">
<context>
    <name>EdgeItem</name>
    <message>
        <source>lag %1</source>
        <translation>retard %1</translation>
    </message>
</context>
<context>
    <name>NodeItem</name>
    <message>
        <source>running</source>
        <translation>en cours</translation>
    </message>
    <message>
        <source>paused</source>
        <translation>en pause</translation>
    </message>
    <message>
        <source>failed</source>
        <translation>échoué</translation>
    </message>
    <message>
        <source>idle</source>
        <translation>inactif</translation>
    </message>
    <message>
        <source>Unknown kind %1</source>
        <translation>Type inconnu %1</translation>
    </message>
    <message>
        <source>No problems</source>
        <translation>Aucun problème</translation>
    </message>
    <message>
        <source>a table</source>
        <translation>une table</translation>
    </message>
    <message>
        <source>records</source>
        <translation>enregistrements</translation>
    </message>
    <message>
        <source>Input %1: %2</source>
        <translation>Entrée %1 : %2</translation>
    </message>
    <message>
        <source>Output %1: %2</source>
        <translation>Sortie %1 : %2</translation>
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
        <translation>exactitude %1 %</translation>
    </message>
    <message numerus="yes">
        <source>%n cluster(s)</source>
        <translation>
            <numerusform>%n cluster</numerusform>
            <numerusform>%n clusters</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n anomaly(ies)</source>
        <translation>
            <numerusform>%n anomalie</numerusform>
            <numerusform>%n anomalies</numerusform>
        </translation>
    </message>
    <message>
        <source>rejected %1</source>
        <translation>rejetés %1</translation>
    </message>
    <message>
        <source>wm %1</source>
        <translation>fil. %1</translation>
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
        <translation>&amp;Supprimer</translation>
    </message>
    <message>
        <source>Cu&amp;t</source>
        <translation>Co&amp;uper</translation>
    </message>
    <message>
        <source>&amp;Copy</source>
        <translation>&amp;Copier</translation>
    </message>
    <message>
        <source>&amp;Paste</source>
        <translation>C&amp;oller</translation>
    </message>
    <message>
        <source>D&amp;uplicate</source>
        <translation>D&amp;upliquer</translation>
    </message>
    <message>
        <source>Select &amp;All</source>
        <translation>&amp;Tout sélectionner</translation>
    </message>
    <message>
        <source>Auto &amp;Layout</source>
        <translation>&amp;Disposition automatique</translation>
    </message>
    <message>
        <source>Zoom &amp;In</source>
        <translation>Zoom &amp;avant</translation>
    </message>
    <message>
        <source>Zoom &amp;Out</source>
        <translation>Zoom a&amp;rrière</translation>
    </message>
    <message>
        <source>&amp;Fit to View</source>
        <translation>&amp;Ajuster à la vue</translation>
    </message>
    <message>
        <source>Zoom &amp;100 %</source>
        <translation>Zoom &amp;100 %</translation>
    </message>
    <message>
        <source>&amp;Quick Add…</source>
        <translation>Ajout &amp;rapide…</translation>
    </message>
</context>
<context>
    <name>tributary::ui::ChartsDock</name>
    <message>
        <source>Charts</source>
        <translation>Graphiques</translation>
    </message>
    <message>
        <source>Throughput per node</source>
        <translation>Débit par nœud</translation>
    </message>
    <message>
        <source>rows/s</source>
        <translation>lignes/s</translation>
    </message>
    <message>
        <source>Lag per job (its input topics)</source>
        <translation>Retard par tâche (ses topics d’entrée)</translation>
    </message>
    <message>
        <source>records</source>
        <translation>enregistrements</translation>
    </message>
    <message>
        <source>Batch duration per job</source>
        <translation>Durée des lots par tâche</translation>
    </message>
    <message>
        <source>ms</source>
        <translation>ms</translation>
    </message>
    <message>
        <source>Throughput</source>
        <translation>Débit</translation>
    </message>
    <message>
        <source>Lag</source>
        <translation>Retard</translation>
    </message>
    <message>
        <source>Batch duration</source>
        <translation>Durée des lots</translation>
    </message>
    <message>
        <source>Save as PNG…</source>
        <translation>Enregistrer en PNG…</translation>
    </message>
    <message>
        <source>Save the chart shown as a PNG image</source>
        <translation>Enregistrer le graphique affiché en image PNG</translation>
    </message>
    <message>
        <source>Save Chart</source>
        <translation>Enregistrer le graphique</translation>
    </message>
    <message>
        <source>PNG images (*.png)</source>
        <translation>Images PNG (*.png)</translation>
    </message>
    <message>
        <source>The chart could not be saved to %1.</source>
        <translation>Le graphique n’a pas pu être enregistré dans %1.</translation>
    </message>
</context>
<context>
    <name>tributary::ui::DocumentCommand</name>
    <message>
        <source>Add %1</source>
        <translation>Ajouter %1</translation>
    </message>
    <message>
        <source>Move %1</source>
        <translation>Déplacer %1</translation>
    </message>
    <message numerus="yes">
        <source>Move %n node(s)</source>
        <translation>
            <numerusform>Déplacer %n nœud</numerusform>
            <numerusform>Déplacer %n nœuds</numerusform>
        </translation>
    </message>
    <message>
        <source>Auto layout</source>
        <translation>Disposition automatique</translation>
    </message>
    <message>
        <source>Connect %1 to %2</source>
        <translation>Connecter %1 à %2</translation>
    </message>
    <message>
        <source>Disconnect %1 from %2</source>
        <translation>Déconnecter %1 de %2</translation>
    </message>
    <message numerus="yes">
        <source>Disconnect %n edge(s)</source>
        <translation>
            <numerusform>Déconnecter %n lien</numerusform>
            <numerusform>Déconnecter %n liens</numerusform>
        </translation>
    </message>
    <message>
        <source>Edit %1.%2</source>
        <translation>Modifier %1.%2</translation>
    </message>
    <message>
        <source>Rename %1</source>
        <translation>Renommer %1</translation>
    </message>
    <message>
        <source>Replace %1</source>
        <translation>Remplacer %1</translation>
    </message>
</context>
<context>
    <name>tributary::ui::EngineController</name>
    <message>
        <source>Stop the run first: it holds the data folder the broker would serve.</source>
        <translation>Arrêtez d’abord l’exécution : elle occupe le dossier de données que le broker servirait.</translation>
    </message>
    <message>
        <source>The Kafka broker could not start: %1</source>
        <translation>Le broker Kafka n’a pas pu démarrer : %1</translation>
    </message>
    <message>
        <source>Stop the run first: it writes through the broker&apos;s log.</source>
        <translation>Arrêtez d’abord l’exécution : elle écrit dans le journal du broker.</translation>
    </message>
</context>
<context>
    <name>tributary::ui::ExpressionEdit</name>
    <message>
        <source>Enter an expression over the input&apos;s fields.</source>
        <translation>Saisissez une expression sur les champs de l&apos;entrée.</translation>
    </message>
    <message>
        <source>Connect an input to check this expression.</source>
        <translation>Connectez une entrée pour vérifier cette expression.</translation>
    </message>
    <message>
        <source>Type: %1</source>
        <translation>Type : %1</translation>
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
        <translation>en cours</translation>
    </message>
    <message>
        <source>finished</source>
        <translation>terminé</translation>
    </message>
    <message>
        <source>stopped</source>
        <translation>arrêté</translation>
    </message>
    <message>
        <source>failed</source>
        <translation>échoué</translation>
    </message>
    <message>
        <source>History</source>
        <translation>Historique</translation>
    </message>
    <message>
        <source>Rows per second per job</source>
        <translation>Lignes par seconde par tâche</translation>
    </message>
    <message>
        <source>rows/s</source>
        <translation>lignes/s</translation>
    </message>
    <message>
        <source>Lag per job</source>
        <translation>Retard par tâche</translation>
    </message>
    <message>
        <source>records</source>
        <translation>enregistrements</translation>
    </message>
    <message>
        <source>Pipeline</source>
        <translation>Pipeline</translation>
    </message>
    <message>
        <source>Started</source>
        <translation>Démarré</translation>
    </message>
    <message>
        <source>Duration</source>
        <translation>Durée</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>État</translation>
    </message>
    <message>
        <source>Refresh</source>
        <translation>Actualiser</translation>
    </message>
    <message>
        <source>The run history cannot be read: %1</source>
        <translation>L’historique des exécutions est illisible : %1</translation>
    </message>
</context>
<context>
    <name>tributary::ui::InspectorDock</name>
    <message>
        <source>Inspector</source>
        <translation>Inspecteur</translation>
    </message>
    <message>
        <source>Label</source>
        <translation>Libellé</translation>
    </message>
    <message>
        <source>Id</source>
        <translation>Identifiant</translation>
    </message>
    <message numerus="yes">
        <source>%n nodes selected.</source>
        <translation>
            <numerusform>%n nœud sélectionné.</numerusform>
            <numerusform>%n nœuds sélectionnés.</numerusform>
        </translation>
    </message>
    <message>
        <source>Select a node to edit its parameters.</source>
        <translation>Sélectionnez un nœud pour modifier ses paramètres.</translation>
    </message>
    <message>
        <source>Unknown kind %1</source>
        <translation>Type inconnu %1</translation>
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
        <translation>Aucun problème.</translation>
    </message>
    <message>
        <source>Problems</source>
        <translation>Problèmes</translation>
    </message>
</context>
<context>
    <name>tributary::ui::MainWindow</name>
    <message>
        <source>Pipelines (*.json);;All files (*)</source>
        <translation>Pipelines (*.json);;Tous les fichiers (*)</translation>
    </message>
    <message>
        <source>&amp;New</source>
        <translation>&amp;Nouveau</translation>
    </message>
    <message>
        <source>&amp;Open…</source>
        <translation>&amp;Ouvrir…</translation>
    </message>
    <message>
        <source>&amp;Save</source>
        <translation>&amp;Enregistrer</translation>
    </message>
    <message>
        <source>Save &amp;As…</source>
        <translation>Enregistrer &amp;sous…</translation>
    </message>
    <message>
        <source>&amp;Import…</source>
        <translation>&amp;Importer…</translation>
    </message>
    <message>
        <source>&amp;Export JSON…</source>
        <translation>&amp;Exporter en JSON…</translation>
    </message>
    <message>
        <source>&amp;Preferences…</source>
        <translation>&amp;Préférences…</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>&amp;Quitter</translation>
    </message>
    <message>
        <source>&amp;Undo</source>
        <translation>&amp;Annuler</translation>
    </message>
    <message>
        <source>&amp;Redo</source>
        <translation>&amp;Rétablir</translation>
    </message>
    <message>
        <source>Cu&amp;t</source>
        <translation>Co&amp;uper</translation>
    </message>
    <message>
        <source>&amp;Copy</source>
        <translation>&amp;Copier</translation>
    </message>
    <message>
        <source>&amp;Paste</source>
        <translation>C&amp;oller</translation>
    </message>
    <message>
        <source>&amp;Delete</source>
        <translation>&amp;Supprimer</translation>
    </message>
    <message>
        <source>D&amp;uplicate</source>
        <translation>D&amp;upliquer</translation>
    </message>
    <message>
        <source>Select &amp;All</source>
        <translation>&amp;Tout sélectionner</translation>
    </message>
    <message>
        <source>&amp;Find Node…</source>
        <translation>&amp;Rechercher un nœud…</translation>
    </message>
    <message>
        <source>&amp;Validate</source>
        <translation>&amp;Valider</translation>
    </message>
    <message>
        <source>Auto &amp;Layout</source>
        <translation>Disposition &amp;automatique</translation>
    </message>
    <message>
        <source>&amp;Start Page</source>
        <translation>Page d&apos;&amp;accueil</translation>
    </message>
    <message>
        <source>&amp;About Tributary</source>
        <translation>À &amp;propos de Tributary</translation>
    </message>
    <message>
        <source>Open Pipeline</source>
        <translation>Ouvrir un pipeline</translation>
    </message>
    <message>
        <source>Save Pipeline As</source>
        <translation>Enregistrer le pipeline sous</translation>
    </message>
    <message>
        <source>Import Pipeline</source>
        <translation>Importer un pipeline</translation>
    </message>
    <message>
        <source>Export JSON</source>
        <translation>Exporter en JSON</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>&amp;Fichier</translation>
    </message>
    <message>
        <source>Open &amp;Recent</source>
        <translation>Fichiers &amp;récents</translation>
    </message>
    <message>
        <source>&amp;Edit</source>
        <translation>&amp;Édition</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>&amp;Affichage</translation>
    </message>
    <message>
        <source>&amp;Pipeline</source>
        <translation>&amp;Pipeline</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>&amp;Aide</translation>
    </message>
    <message>
        <source>File</source>
        <translation>Fichier</translation>
    </message>
    <message>
        <source>Edit</source>
        <translation>Édition</translation>
    </message>
    <message>
        <source>Pipeline</source>
        <translation>Pipeline</translation>
    </message>
    <message>
        <source>Run</source>
        <translation>Exécution</translation>
    </message>
    <message>
        <source>No problems</source>
        <translation>Aucun problème</translation>
    </message>
    <message numerus="yes">
        <source>%n problem(s)</source>
        <translation>
            <numerusform>%n problème</numerusform>
            <numerusform>%n problèmes</numerusform>
        </translation>
    </message>
    <message>
        <source>Data folder: %1</source>
        <translation>Dossier de données : %1</translation>
    </message>
    <message>
        <source>The pipeline is valid.</source>
        <translation>Le pipeline est valide.</translation>
    </message>
    <message numerus="yes">
        <source>The pipeline has %n problem(s).</source>
        <translation>
            <numerusform>Le pipeline a %n problème.</numerusform>
            <numerusform>Le pipeline a %n problèmes.</numerusform>
        </translation>
    </message>
    <message>
        <source>New pipeline</source>
        <translation>Nouveau pipeline</translation>
    </message>
    <message>
        <source>Cannot open %1</source>
        <translation>Impossible d&apos;ouvrir %1</translation>
    </message>
    <message>
        <source>Opened %1</source>
        <translation>%1 ouvert</translation>
    </message>
    <message>
        <source>Save Pipeline</source>
        <translation>Enregistrer le pipeline</translation>
    </message>
    <message>
        <source>Cannot save %1</source>
        <translation>Impossible d&apos;enregistrer %1</translation>
    </message>
    <message>
        <source>Saved %1</source>
        <translation>%1 enregistré</translation>
    </message>
    <message>
        <source>Cannot import %1</source>
        <translation>Impossible d&apos;importer %1</translation>
    </message>
    <message>
        <source>Import %1</source>
        <translation>Importer %1</translation>
    </message>
    <message>
        <source>Cannot export %1</source>
        <translation>Impossible d&apos;exporter %1</translation>
    </message>
    <message>
        <source>Exported %1</source>
        <translation>%1 exporté</translation>
    </message>
    <message>
        <source>Cannot open the sample</source>
        <translation>Impossible d&apos;ouvrir l&apos;exemple</translation>
    </message>
    <message>
        <source>&amp;%1 %2</source>
        <translation>&amp;%1 %2</translation>
    </message>
    <message>
        <source>Clear Recent Files</source>
        <translation>Effacer la liste</translation>
    </message>
    <message>
        <source>Nothing to paste: %1</source>
        <translation>Rien à coller : %1</translation>
    </message>
    <message>
        <source>%1 (%2)</source>
        <translation>%1 (%2)</translation>
    </message>
    <message>
        <source>Find Node</source>
        <translation>Rechercher un nœud</translation>
    </message>
    <message>
        <source>Node:</source>
        <translation>Nœud :</translation>
    </message>
    <message>
        <source>About Tributary</source>
        <translation>À propos de Tributary</translation>
    </message>
    <message>
        <source>&lt;b&gt;Tributary %1&lt;/b&gt;&lt;p&gt;A designer for streaming pipelines: sources, topics, windows, transforms, machine learning and sinks.&lt;/p&gt;</source>
        <translation>&lt;b&gt;Tributary %1&lt;/b&gt;&lt;p&gt;Un concepteur de pipelines de flux : sources, topics, fenêtres, transformations, apprentissage automatique et destinations.&lt;/p&gt;</translation>
    </message>
    <message>
        <source>Unsaved Changes</source>
        <translation>Modifications non enregistrées</translation>
    </message>
    <message>
        <source>%1 has unsaved changes. Save them?</source>
        <translation>%1 contient des modifications non enregistrées. Les enregistrer ?</translation>
    </message>
    <message>
        <source>Import</source>
        <translation>Importer</translation>
    </message>
    <message>
        <source>The pipeline already has nodes with these ids: %1.</source>
        <translation>Le pipeline contient déjà des nœuds avec ces identifiants : %1.</translation>
    </message>
    <message>
        <source>Import them as copies with new ids, or replace the nodes?</source>
        <translation>Les importer comme copies avec de nouveaux identifiants, ou remplacer les nœuds ?</translation>
    </message>
    <message>
        <source>Import as Copies</source>
        <translation>Importer comme copies</translation>
    </message>
    <message>
        <source>Replace</source>
        <translation>Remplacer</translation>
    </message>
    <message>
        <source>pipeline.json</source>
        <translation>pipeline.json</translation>
    </message>
    <message>
        <source>&amp;Run</source>
        <translation>E&amp;xécuter</translation>
    </message>
    <message>
        <source>The pipeline cannot run</source>
        <translation>Le pipeline ne peut pas s’exécuter</translation>
    </message>
    <message>
        <source>The run failed</source>
        <translation>L’exécution a échoué</translation>
    </message>
    <message>
        <source>Serve Topics to &amp;Kafka Clients</source>
        <translation>Servir les topics aux clients &amp;Kafka</translation>
    </message>
    <message>
        <source>Kafka clients (kcat, librdkafka, kafkajs, Java) produce to and consume from the data folder&apos;s topics</source>
        <translation>Les clients Kafka (kcat, librdkafka, kafkajs, Java) produisent vers les topics du dossier de données et les consomment</translation>
    </message>
    <message>
        <source>Kafka clients can connect to %1</source>
        <translation>Les clients Kafka peuvent se connecter à %1</translation>
    </message>
    <message>
        <source>Kafka broker</source>
        <translation>Broker Kafka</translation>
    </message>
    <message numerus="yes">
        <source>Kafka %1 · %n client(s)</source>
        <translation>
            <numerusform>Kafka %1 · %n client</numerusform>
            <numerusform>Kafka %1 · %n clients</numerusform>
        </translation>
    </message>
    <message>
        <source>%1 records produced by Kafka clients, %2 requests</source>
        <translation>%1 enregistrements produits par des clients Kafka, %2 requêtes</translation>
    </message>
</context>
<context>
    <name>tributary::ui::NodeKinds</name>
    <message>
        <source>Replay a file</source>
        <translation>Rejouer un fichier</translation>
    </message>
    <message>
        <source>Generate a stream</source>
        <translation>Générer un flux</translation>
    </message>
    <message>
        <source>TCP lines</source>
        <translation>Lignes TCP</translation>
    </message>
    <message>
        <source>Existing topic</source>
        <translation>Topic existant</translation>
    </message>
    <message>
        <source>Kafka consumer</source>
        <translation>Consommateur Kafka</translation>
    </message>
    <message>
        <source>Topic</source>
        <translation>Topic</translation>
    </message>
    <message>
        <source>Tumbling window</source>
        <translation>Fenêtre fixe</translation>
    </message>
    <message>
        <source>Hopping window</source>
        <translation>Fenêtre à sauts</translation>
    </message>
    <message>
        <source>Sliding window</source>
        <translation>Fenêtre glissante</translation>
    </message>
    <message>
        <source>Session window</source>
        <translation>Fenêtre de session</translation>
    </message>
    <message>
        <source>Filter</source>
        <translation>Filtre</translation>
    </message>
    <message>
        <source>Map</source>
        <translation>Calculer des champs</translation>
    </message>
    <message>
        <source>Aggregate</source>
        <translation>Agréger</translation>
    </message>
    <message>
        <source>Join</source>
        <translation>Jointure</translation>
    </message>
    <message>
        <source>Dedupe</source>
        <translation>Dédoublonner</translation>
    </message>
    <message>
        <source>Union</source>
        <translation>Union</translation>
    </message>
    <message>
        <source>SQL</source>
        <translation>SQL</translation>
    </message>
    <message>
        <source>Streaming k-means</source>
        <translation>k-moyennes en flux</translation>
    </message>
    <message>
        <source>Linear regression</source>
        <translation>Régression linéaire</translation>
    </message>
    <message>
        <source>Logistic regression</source>
        <translation>Régression logistique</translation>
    </message>
    <message>
        <source>Anomaly score</source>
        <translation>Score d&apos;anomalie</translation>
    </message>
    <message>
        <source>JSON-lines file</source>
        <translation>Fichier JSON Lines</translation>
    </message>
    <message>
        <source>CSV file</source>
        <translation>Fichier CSV</translation>
    </message>
    <message>
        <source>SQLite table</source>
        <translation>Table SQLite</translation>
    </message>
    <message>
        <source>Kafka producer</source>
        <translation>Producteur Kafka</translation>
    </message>
    <message>
        <source>Chart</source>
        <translation>Graphique</translation>
    </message>
    <message>
        <source>Console</source>
        <translation>Console</translation>
    </message>
</context>
<context>
    <name>tributary::ui::ObjectListEditor</name>
    <message>
        <source>Add</source>
        <translation>Ajouter</translation>
    </message>
    <message>
        <source>Add a row at the end</source>
        <translation>Ajouter une ligne à la fin</translation>
    </message>
    <message>
        <source>Remove</source>
        <translation>Supprimer</translation>
    </message>
    <message>
        <source>Remove the selected row</source>
        <translation>Supprimer la ligne sélectionnée</translation>
    </message>
    <message>
        <source>Move Up</source>
        <translation>Monter</translation>
    </message>
    <message>
        <source>Move the selected row up</source>
        <translation>Monter la ligne sélectionnée</translation>
    </message>
    <message>
        <source>Move Down</source>
        <translation>Descendre</translation>
    </message>
    <message>
        <source>Move the selected row down</source>
        <translation>Descendre la ligne sélectionnée</translation>
    </message>
    <message>
        <source>JSON</source>
        <comment>the text format</comment>
        <translation>JSON</translation>
    </message>
    <message>
        <source>Edit the list as JSON</source>
        <translation>Modifier la liste en JSON</translation>
    </message>
    <message>
        <source>(none)</source>
        <translation>(aucun)</translation>
    </message>
    <message>
        <source>Type: %1</source>
        <translation>Type : %1</translation>
    </message>
    <message>
        <source>The table cannot show this value; edit it as JSON</source>
        <translation>Le tableau ne peut pas afficher cette valeur ; modifiez-la en JSON</translation>
    </message>
</context>
<context>
    <name>tributary::ui::PaletteDock</name>
    <message>
        <source>Sources</source>
        <translation>Sources</translation>
    </message>
    <message>
        <source>Topics</source>
        <translation>Topics</translation>
    </message>
    <message>
        <source>Windows</source>
        <translation>Fenêtres</translation>
    </message>
    <message>
        <source>Transforms</source>
        <translation>Transformations</translation>
    </message>
    <message>
        <source>Machine learning</source>
        <translation>Apprentissage automatique</translation>
    </message>
    <message>
        <source>Sinks</source>
        <translation>Destinations</translation>
    </message>
    <message>
        <source>Palette</source>
        <translation>Palette</translation>
    </message>
    <message>
        <source>Search node kinds</source>
        <translation>Rechercher des types de nœuds</translation>
    </message>
</context>
<context>
    <name>tributary::ui::ParamEditor</name>
    <message>
        <source>Values separated by commas</source>
        <translation>Valeurs séparées par des virgules</translation>
    </message>
    <message>
        <source>Not a field of the input</source>
        <translation>Pas un champ de l&apos;entrée</translation>
    </message>
    <message>
        <source>Not valid JSON yet</source>
        <translation>Pas encore du JSON valide</translation>
    </message>
    <message>
        <source>One expression per line</source>
        <translation>Une expression par ligne</translation>
    </message>
    <message>
        <source>Choose a file</source>
        <translation>Choisir un fichier</translation>
    </message>
    <message>
        <source>Output file</source>
        <translation>Fichier de sortie</translation>
    </message>
    <message>
        <source>Input file</source>
        <translation>Fichier d&apos;entrée</translation>
    </message>
</context>
<context>
    <name>tributary::ui::PipelineDocument</name>
    <message>
        <source>Untitled</source>
        <translation>Sans titre</translation>
    </message>
    <message>
        <source>%1%2 — Tributary</source>
        <extracomment>%1 is the file&apos;s name, %2 a star when it has unsaved changes</extracomment>
        <translation>%1%2 — Tributary</translation>
    </message>
    <message>
        <source>New pipeline</source>
        <translation>Nouveau pipeline</translation>
    </message>
    <message>
        <source>Cannot open %1: %2</source>
        <translation>Impossible d&apos;ouvrir %1 : %2</translation>
    </message>
    <message>
        <source>%1 is not a Tributary pipeline: %2</source>
        <translation>%1 n&apos;est pas un pipeline Tributary : %2</translation>
    </message>
    <message>
        <source>%1 cannot be read: %2</source>
        <translation>%1 ne peut pas être lu : %2</translation>
    </message>
    <message>
        <source>Cannot save %1: %2</source>
        <translation>Impossible d&apos;enregistrer %1 : %2</translation>
    </message>
    <message>
        <source>There is no node &apos;%1&apos;.</source>
        <translation>Il n&apos;y a pas de nœud « %1 ».</translation>
    </message>
    <message>
        <source>A node cannot feed itself.</source>
        <translation>Un nœud ne peut pas s&apos;alimenter lui-même.</translation>
    </message>
    <message>
        <source>%1 is of an unknown kind (%2).</source>
        <translation>%1 est d&apos;un type inconnu (%2).</translation>
    </message>
    <message>
        <source>%1 has no outputs.</source>
        <translation>%1 n&apos;a pas de sorties.</translation>
    </message>
    <message>
        <source>%1 has no output &apos;%2&apos; (it has: %3).</source>
        <translation>%1 n&apos;a pas de sortie « %2 » (il a : %3).</translation>
    </message>
    <message>
        <source>%1 has no inputs.</source>
        <translation>%1 n&apos;a pas d&apos;entrées.</translation>
    </message>
    <message>
        <source>%1 has no input &apos;%2&apos; (it has: %3).</source>
        <translation>%1 n&apos;a pas d&apos;entrée « %2 » (il a : %3).</translation>
    </message>
    <message>
        <source>%1 is already connected to %2.</source>
        <translation>%1 est déjà connecté à %2.</translation>
    </message>
    <message>
        <source>%1 already has its input (from %2); only topics and unions take several.</source>
        <translation>%1 a déjà son entrée (depuis %2) ; seuls les topics et les unions en acceptent plusieurs.</translation>
    </message>
    <message>
        <source>Connecting %1 to %2 would make a cycle.</source>
        <translation>Connecter %1 à %2 créerait un cycle.</translation>
    </message>
    <message>
        <source>The schema does not fit: %1</source>
        <translation>Le schéma ne convient pas : %1</translation>
    </message>
    <message>
        <source>Delete %1</source>
        <translation>Supprimer %1</translation>
    </message>
    <message numerus="yes">
        <source>Delete %n node(s)</source>
        <translation>
            <numerusform>Supprimer %n nœud</numerusform>
            <numerusform>Supprimer %n nœuds</numerusform>
        </translation>
    </message>
    <message>
        <source>Copied nodes</source>
        <translation>Nœuds copiés</translation>
    </message>
    <message>
        <source>Cut</source>
        <translation>Couper</translation>
    </message>
    <message>
        <source>Nothing to paste: %1</source>
        <translation>Rien à coller : %1</translation>
    </message>
    <message>
        <source>Nothing to paste: there are no nodes.</source>
        <translation>Rien à coller : il n&apos;y a aucun nœud.</translation>
    </message>
    <message numerus="yes">
        <source>Paste %n node(s)</source>
        <translation>
            <numerusform>Coller %n nœud</numerusform>
            <numerusform>Coller %n nœuds</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Duplicate %n node(s)</source>
        <translation>
            <numerusform>Dupliquer %n nœud</numerusform>
            <numerusform>Dupliquer %n nœuds</numerusform>
        </translation>
    </message>
    <message>
        <source>Import</source>
        <translation>Importer</translation>
    </message>
    <message>
        <source>Import %1</source>
        <translation>Importer %1</translation>
    </message>
</context>
<context>
    <name>tributary::ui::PipelineScene</name>
    <message>
        <source>Delete</source>
        <translation>Supprimer</translation>
    </message>
    <message numerus="yes">
        <source>Move %n node(s)</source>
        <translation>
            <numerusform>Déplacer %n nœud</numerusform>
            <numerusform>Déplacer %n nœuds</numerusform>
        </translation>
    </message>
    <message>
        <source>An input connects to an output.</source>
        <translation>Une entrée se connecte à une sortie.</translation>
    </message>
    <message>
        <source>An output connects to an input.</source>
        <translation>Une sortie se connecte à une entrée.</translation>
    </message>
    <message>
        <source>These ports cannot be connected.</source>
        <translation>Ces ports ne peuvent pas être connectés.</translation>
    </message>
</context>
<context>
    <name>tributary::ui::PreferencesDialog</name>
    <message>
        <source>Preferences</source>
        <translation>Préférences</translation>
    </message>
    <message>
        <source>System language</source>
        <translation>Langue du système</translation>
    </message>
    <message>
        <source>Light</source>
        <translation>Clair</translation>
    </message>
    <message>
        <source>Dark</source>
        <translation>Sombre</translation>
    </message>
    <message>
        <source>Choose a folder</source>
        <translation>Choisir un dossier</translation>
    </message>
    <message>
        <source>Default data folder</source>
        <translation>Dossier de données par défaut</translation>
    </message>
    <message>
        <source>Language</source>
        <translation>Langue</translation>
    </message>
    <message>
        <source>A new language takes effect when Tributary starts again.</source>
        <translation>Une nouvelle langue prend effet au prochain démarrage de Tributary.</translation>
    </message>
    <message>
        <source>Theme</source>
        <translation>Thème</translation>
    </message>
    <message>
        <source>Data folder</source>
        <translation>Dossier de données</translation>
    </message>
    <message>
        <source>Where the embedded Kafka broker listens, as host:port</source>
        <translation>Où le broker Kafka intégré écoute, sous la forme hôte:port</translation>
    </message>
    <message>
        <source>Kafka broker address</source>
        <translation>Adresse du broker Kafka</translation>
    </message>
</context>
<context>
    <name>tributary::ui::PreviewDock</name>
    <message>
        <source>Preview</source>
        <translation>Aperçu</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>Raison</translation>
    </message>
    <message>
        <source>Position</source>
        <translation>Position</translation>
    </message>
    <message>
        <source>Raw</source>
        <translation>Brut</translation>
    </message>
    <message>
        <source>Pause</source>
        <translation>Pause</translation>
    </message>
    <message>
        <source>Freeze the table; new records are skipped until you resume</source>
        <translation>Figer la table ; les nouveaux enregistrements sont ignorés jusqu’à la reprise</translation>
    </message>
    <message>
        <source>Records</source>
        <translation>Enregistrements</translation>
    </message>
    <message>
        <source>Dead letters</source>
        <translation>Lettres mortes</translation>
    </message>
    <message numerus="yes">
        <source>%1 — paused, %n record(s)</source>
        <translation>
            <numerusform>%1 — en pause, %n enregistrement</numerusform>
            <numerusform>%1 — en pause, %n enregistrements</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%1 — %n record(s)</source>
        <translation>
            <numerusform>%1 — %n enregistrement</numerusform>
            <numerusform>%1 — %n enregistrements</numerusform>
        </translation>
    </message>
    <message>
        <source>Dead letters (%1)</source>
        <translation>Lettres mortes (%1)</translation>
    </message>
    <message>
        <source>%1 → %2</source>
        <comment>an edge from one node to another</comment>
        <translation>%1 → %2</translation>
    </message>
    <message>
        <source>Select a node or an edge to see its latest records.</source>
        <translation>Sélectionnez un nœud ou un lien pour voir ses derniers enregistrements.</translation>
    </message>
</context>
<context>
    <name>tributary::ui::ProblemsDock</name>
    <message>
        <source>Problems</source>
        <translation>Problèmes</translation>
    </message>
    <message>
        <source>Where</source>
        <translation>Emplacement</translation>
    </message>
    <message>
        <source>Problem</source>
        <translation>Problème</translation>
    </message>
    <message>
        <source>Problems (%1)</source>
        <translation>Problèmes (%1)</translation>
    </message>
</context>
<context>
    <name>tributary::ui::QuickAddPopup</name>
    <message>
        <source>Add a node: type to search</source>
        <translation>Ajouter un nœud : tapez pour chercher</translation>
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
        <translation>temps</translation>
    </message>
</context>
<context>
    <name>tributary::ui::RunControls</name>
    <message>
        <source>&amp;Run</source>
        <translation>E&amp;xécuter</translation>
    </message>
    <message>
        <source>&amp;Pause</source>
        <translation>&amp;Pause</translation>
    </message>
    <message>
        <source>&amp;Stop</source>
        <translation>&amp;Arrêter</translation>
    </message>
    <message>
        <source>Reset &amp;State</source>
        <translation>&amp;Réinitialiser l’état</translation>
    </message>
    <message>
        <source>Stop, and start the next run from nothing (topics and state)</source>
        <translation>Arrêter, et repartir de zéro à la prochaine exécution (topics et état)</translation>
    </message>
    <message>
        <source>Replay speed of the sources</source>
        <translation>Vitesse de relecture des sources</translation>
    </message>
    <message>
        <source>As set</source>
        <translation>Comme défini</translation>
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
        <translation>Inactif</translation>
    </message>
    <message>
        <source>Running</source>
        <translation>En cours</translation>
    </message>
    <message>
        <source>Paused</source>
        <translation>En pause</translation>
    </message>
    <message>
        <source>Finished</source>
        <translation>Terminé</translation>
    </message>
    <message>
        <source>Stopped</source>
        <translation>Arrêté</translation>
    </message>
    <message>
        <source>Failed</source>
        <translation>Échoué</translation>
    </message>
    <message>
        <source>&amp;Resume</source>
        <translation>&amp;Reprendre</translation>
    </message>
    <message>
        <source>%1 · %2 events/s · total lag %3</source>
        <translation>%1 · %2 événements/s · retard total %3</translation>
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
        <translation>Concevez des pipelines de flux, puis exécutez-les en direct.</translation>
    </message>
    <message>
        <source>New pipeline</source>
        <translation>Nouveau pipeline</translation>
    </message>
    <message>
        <source>Open…</source>
        <translation>Ouvrir…</translation>
    </message>
    <message>
        <source>Samples</source>
        <translation>Exemples</translation>
    </message>
    <message>
        <source>Recent files</source>
        <translation>Fichiers récents</translation>
    </message>
    <message>
        <source>No samples found.</source>
        <translation>Aucun exemple trouvé.</translation>
    </message>
    <message>
        <source>Nodes: %1</source>
        <translation>Nœuds : %1</translation>
    </message>
    <message>
        <source>No recent files.</source>
        <translation>Aucun fichier récent.</translation>
    </message>
    <message>
        <source>Could not copy %1 to %2.</source>
        <translation>Impossible de copier %1 vers %2.</translation>
    </message>
    <message>
        <source>%1 holds no pipeline.json.</source>
        <translation>%1 ne contient pas de pipeline.json.</translation>
    </message>
</context>
<context>
    <name>tributary::ui::TimeSeriesChart</name>
    <message>
        <source>seconds</source>
        <translation>secondes</translation>
    </message>
    <message>
        <source>%1
%2 s: %3</source>
        <translation>%1
%2 s : %3</translation>
    </message>
</context>
<context>
    <name>tributary::ui::TopicRecordsView</name>
    <message>
        <source>Read</source>
        <translation>Lire</translation>
    </message>
    <message>
        <source>Partition</source>
        <translation>Partition</translation>
    </message>
    <message>
        <source>From offset</source>
        <translation>À partir de l’offset</translation>
    </message>
    <message>
        <source>Offset</source>
        <translation>Offset</translation>
    </message>
    <message>
        <source>Time</source>
        <translation>Heure</translation>
    </message>
    <message>
        <source>Key</source>
        <translation>Clé</translation>
    </message>
    <message>
        <source>Value</source>
        <translation>Valeur</translation>
    </message>
    <message>
        <source>(none)</source>
        <translation>(aucune)</translation>
    </message>
    <message>
        <source>(null)</source>
        <translation>(null)</translation>
    </message>
    <message numerus="yes">
        <source>%n record(s)</source>
        <translation>
            <numerusform>%n enregistrement</numerusform>
            <numerusform>%n enregistrements</numerusform>
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
        <translation>Type</translation>
    </message>
    <message>
        <source>Partitions</source>
        <translation>Partitions</translation>
    </message>
    <message>
        <source>End offset</source>
        <translation>Offset de fin</translation>
    </message>
    <message>
        <source>Lag</source>
        <translation>Retard</translation>
    </message>
    <message>
        <source>Read by</source>
        <translation>Lu par</translation>
    </message>
    <message>
        <source>dead letters</source>
        <translation>lettres mortes</translation>
    </message>
    <message>
        <source>The records that node %1 rejected, with their reasons</source>
        <translation>Les enregistrements rejetés par le nœud %1, avec leurs raisons</translation>
    </message>
    <message>
        <source>external</source>
        <translation>externe</translation>
    </message>
    <message>
        <source>internal</source>
        <translation>interne</translation>
    </message>
    <message>
        <source>topic</source>
        <translation>topic</translation>
    </message>
    <message>
        <source>group %1</source>
        <translation>groupe %1</translation>
    </message>
</context>
</TS>
