<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="es_ES">
<context>
    <name>EdgeItem</name>
    <message>
        <source>lag %1</source>
        <translation>retraso %1</translation>
    </message>
</context>
<context>
    <name>NodeItem</name>
    <message>
        <source>running</source>
        <translation>en ejecución</translation>
    </message>
    <message>
        <source>paused</source>
        <translation>en pausa</translation>
    </message>
    <message>
        <source>failed</source>
        <translation>fallido</translation>
    </message>
    <message>
        <source>idle</source>
        <translation>inactivo</translation>
    </message>
    <message>
        <source>Unknown kind %1</source>
        <translation>Tipo desconocido %1</translation>
    </message>
    <message>
        <source>No problems</source>
        <translation>Sin problemas</translation>
    </message>
    <message>
        <source>a table</source>
        <translation>una tabla</translation>
    </message>
    <message>
        <source>records</source>
        <translation>registros</translation>
    </message>
    <message>
        <source>Input %1: %2</source>
        <translation>Entrada %1: %2</translation>
    </message>
    <message>
        <source>Output %1: %2</source>
        <translation>Salida %1: %2</translation>
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
        <translation>exactitud %1%</translation>
    </message>
    <message numerus="yes">
        <source>%n cluster(s)</source>
        <translation>
            <numerusform>%n clúster</numerusform>
            <numerusform>%n clústeres</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n anomaly(ies)</source>
        <translation>
            <numerusform>%n anomalía</numerusform>
            <numerusform>%n anomalías</numerusform>
        </translation>
    </message>
    <message>
        <source>rejected %1</source>
        <translation>rechazados %1</translation>
    </message>
    <message>
        <source>wm %1</source>
        <translation>marca %1</translation>
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
        <translation>&amp;Eliminar</translation>
    </message>
    <message>
        <source>Cu&amp;t</source>
        <translation>Cor&amp;tar</translation>
    </message>
    <message>
        <source>&amp;Copy</source>
        <translation>&amp;Copiar</translation>
    </message>
    <message>
        <source>&amp;Paste</source>
        <translation>&amp;Pegar</translation>
    </message>
    <message>
        <source>D&amp;uplicate</source>
        <translation>D&amp;uplicar</translation>
    </message>
    <message>
        <source>Select &amp;All</source>
        <translation>Seleccionar &amp;todo</translation>
    </message>
    <message>
        <source>Auto &amp;Layout</source>
        <translation>&amp;Disposición automática</translation>
    </message>
    <message>
        <source>Zoom &amp;In</source>
        <translation>&amp;Acercar</translation>
    </message>
    <message>
        <source>Zoom &amp;Out</source>
        <translation>A&amp;lejar</translation>
    </message>
    <message>
        <source>&amp;Fit to View</source>
        <translation>A&amp;justar a la vista</translation>
    </message>
    <message>
        <source>Zoom &amp;100 %</source>
        <translation>Zoom &amp;100 %</translation>
    </message>
    <message>
        <source>&amp;Quick Add…</source>
        <translation>Añadir &amp;rápido…</translation>
    </message>
</context>
<context>
    <name>tributary::ui::ChartsDock</name>
    <message>
        <source>Charts</source>
        <translation>Gráficos</translation>
    </message>
    <message>
        <source>Throughput per node</source>
        <translation>Rendimiento por nodo</translation>
    </message>
    <message>
        <source>rows/s</source>
        <translation>filas/s</translation>
    </message>
    <message>
        <source>Lag per job (its input topics)</source>
        <translation>Retraso por trabajo (sus topics de entrada)</translation>
    </message>
    <message>
        <source>records</source>
        <translation>registros</translation>
    </message>
    <message>
        <source>Batch duration per job</source>
        <translation>Duración de lote por trabajo</translation>
    </message>
    <message>
        <source>ms</source>
        <translation>ms</translation>
    </message>
    <message>
        <source>Throughput</source>
        <translation>Rendimiento</translation>
    </message>
    <message>
        <source>Lag</source>
        <translation>Retraso</translation>
    </message>
    <message>
        <source>Batch duration</source>
        <translation>Duración de lote</translation>
    </message>
    <message>
        <source>Save as PNG…</source>
        <translation>Guardar como PNG…</translation>
    </message>
    <message>
        <source>Save the chart shown as a PNG image</source>
        <translation>Guardar el gráfico mostrado como imagen PNG</translation>
    </message>
    <message>
        <source>Save Chart</source>
        <translation>Guardar gráfico</translation>
    </message>
    <message>
        <source>PNG images (*.png)</source>
        <translation>Imágenes PNG (*.png)</translation>
    </message>
    <message>
        <source>The chart could not be saved to %1.</source>
        <translation>No se pudo guardar el gráfico en %1.</translation>
    </message>
</context>
<context>
    <name>tributary::ui::DocumentCommand</name>
    <message>
        <source>Add %1</source>
        <translation>Añadir %1</translation>
    </message>
    <message>
        <source>Move %1</source>
        <translation>Mover %1</translation>
    </message>
    <message numerus="yes">
        <source>Move %n node(s)</source>
        <translation>
            <numerusform>Mover %n nodo</numerusform>
            <numerusform>Mover %n nodos</numerusform>
        </translation>
    </message>
    <message>
        <source>Auto layout</source>
        <translation>Disposición automática</translation>
    </message>
    <message>
        <source>Connect %1 to %2</source>
        <translation>Conectar %1 con %2</translation>
    </message>
    <message>
        <source>Disconnect %1 from %2</source>
        <translation>Desconectar %1 de %2</translation>
    </message>
    <message numerus="yes">
        <source>Disconnect %n edge(s)</source>
        <translation>
            <numerusform>Desconectar %n conexión</numerusform>
            <numerusform>Desconectar %n conexiones</numerusform>
        </translation>
    </message>
    <message>
        <source>Edit %1.%2</source>
        <translation>Editar %1.%2</translation>
    </message>
    <message>
        <source>Rename %1</source>
        <translation>Renombrar %1</translation>
    </message>
    <message>
        <source>Replace %1</source>
        <translation>Reemplazar %1</translation>
    </message>
</context>
<context>
    <name>tributary::ui::EngineController</name>
    <message>
        <source>Stop the run first: it holds the data folder the broker would serve.</source>
        <translation>Detenga primero la ejecución: ocupa la carpeta de datos que serviría el broker.</translation>
    </message>
    <message>
        <source>The Kafka broker could not start: %1</source>
        <translation>El broker de Kafka no pudo iniciarse: %1</translation>
    </message>
    <message>
        <source>Stop the run first: it writes through the broker&apos;s log.</source>
        <translation>Detenga primero la ejecución: escribe a través del registro del broker.</translation>
    </message>
</context>
<context>
    <name>tributary::ui::ExpressionEdit</name>
    <message>
        <source>Enter an expression over the input&apos;s fields.</source>
        <translation>Escriba una expresión sobre los campos de la entrada.</translation>
    </message>
    <message>
        <source>Connect an input to check this expression.</source>
        <translation>Conecte una entrada para comprobar esta expresión.</translation>
    </message>
    <message>
        <source>Type: %1</source>
        <translation>Tipo: %1</translation>
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
        <translation>en ejecución</translation>
    </message>
    <message>
        <source>finished</source>
        <translation>terminado</translation>
    </message>
    <message>
        <source>stopped</source>
        <translation>detenido</translation>
    </message>
    <message>
        <source>failed</source>
        <translation>fallido</translation>
    </message>
    <message>
        <source>History</source>
        <translation>Historial</translation>
    </message>
    <message>
        <source>Rows per second per job</source>
        <translation>Filas por segundo por trabajo</translation>
    </message>
    <message>
        <source>rows/s</source>
        <translation>filas/s</translation>
    </message>
    <message>
        <source>Lag per job</source>
        <translation>Retraso por trabajo</translation>
    </message>
    <message>
        <source>records</source>
        <translation>registros</translation>
    </message>
    <message>
        <source>Pipeline</source>
        <translation>Pipeline</translation>
    </message>
    <message>
        <source>Started</source>
        <translation>Iniciado</translation>
    </message>
    <message>
        <source>Duration</source>
        <translation>Duración</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Estado</translation>
    </message>
    <message>
        <source>Refresh</source>
        <translation>Actualizar</translation>
    </message>
    <message>
        <source>The run history cannot be read: %1</source>
        <translation>No se puede leer el historial de ejecuciones: %1</translation>
    </message>
</context>
<context>
    <name>tributary::ui::InspectorDock</name>
    <message>
        <source>Inspector</source>
        <translation>Inspector</translation>
    </message>
    <message>
        <source>Label</source>
        <translation>Etiqueta</translation>
    </message>
    <message>
        <source>Id</source>
        <translation>Id</translation>
    </message>
    <message numerus="yes">
        <source>%n nodes selected.</source>
        <translation>
            <numerusform>%n nodo seleccionado.</numerusform>
            <numerusform>%n nodos seleccionados.</numerusform>
        </translation>
    </message>
    <message>
        <source>Select a node to edit its parameters.</source>
        <translation>Seleccione un nodo para editar sus parámetros.</translation>
    </message>
    <message>
        <source>Unknown kind %1</source>
        <translation>Tipo desconocido %1</translation>
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
        <translation>Sin problemas.</translation>
    </message>
    <message>
        <source>Problems</source>
        <translation>Problemas</translation>
    </message>
</context>
<context>
    <name>tributary::ui::MainWindow</name>
    <message>
        <source>Pipelines (*.json);;All files (*)</source>
        <translation>Pipelines (*.json);;Todos los archivos (*)</translation>
    </message>
    <message>
        <source>&amp;New</source>
        <translation>&amp;Nuevo</translation>
    </message>
    <message>
        <source>&amp;Open…</source>
        <translation>&amp;Abrir…</translation>
    </message>
    <message>
        <source>&amp;Save</source>
        <translation>&amp;Guardar</translation>
    </message>
    <message>
        <source>Save &amp;As…</source>
        <translation>Guardar &amp;como…</translation>
    </message>
    <message>
        <source>&amp;Import…</source>
        <translation>&amp;Importar…</translation>
    </message>
    <message>
        <source>&amp;Export JSON…</source>
        <translation>&amp;Exportar JSON…</translation>
    </message>
    <message>
        <source>&amp;Preferences…</source>
        <translation>&amp;Preferencias…</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>&amp;Salir</translation>
    </message>
    <message>
        <source>&amp;Undo</source>
        <translation>&amp;Deshacer</translation>
    </message>
    <message>
        <source>&amp;Redo</source>
        <translation>&amp;Rehacer</translation>
    </message>
    <message>
        <source>Cu&amp;t</source>
        <translation>&amp;Cortar</translation>
    </message>
    <message>
        <source>&amp;Copy</source>
        <translation>C&amp;opiar</translation>
    </message>
    <message>
        <source>&amp;Paste</source>
        <translation>&amp;Pegar</translation>
    </message>
    <message>
        <source>&amp;Delete</source>
        <translation>&amp;Eliminar</translation>
    </message>
    <message>
        <source>D&amp;uplicate</source>
        <translation>D&amp;uplicar</translation>
    </message>
    <message>
        <source>Select &amp;All</source>
        <translation>Seleccionar &amp;todo</translation>
    </message>
    <message>
        <source>&amp;Find Node…</source>
        <translation>&amp;Buscar nodo…</translation>
    </message>
    <message>
        <source>&amp;Validate</source>
        <translation>&amp;Validar</translation>
    </message>
    <message>
        <source>Auto &amp;Layout</source>
        <translation>Disposición &amp;automática</translation>
    </message>
    <message>
        <source>&amp;Start Page</source>
        <translation>Página de &amp;inicio</translation>
    </message>
    <message>
        <source>&amp;About Tributary</source>
        <translation>&amp;Acerca de Tributary</translation>
    </message>
    <message>
        <source>Open Pipeline</source>
        <translation>Abrir pipeline</translation>
    </message>
    <message>
        <source>Save Pipeline As</source>
        <translation>Guardar pipeline como</translation>
    </message>
    <message>
        <source>Import Pipeline</source>
        <translation>Importar pipeline</translation>
    </message>
    <message>
        <source>Export JSON</source>
        <translation>Exportar JSON</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>&amp;Archivo</translation>
    </message>
    <message>
        <source>Open &amp;Recent</source>
        <translation>Abrir &amp;reciente</translation>
    </message>
    <message>
        <source>&amp;Edit</source>
        <translation>&amp;Editar</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>&amp;Ver</translation>
    </message>
    <message>
        <source>&amp;Pipeline</source>
        <translation>&amp;Pipeline</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>Ay&amp;uda</translation>
    </message>
    <message>
        <source>File</source>
        <translation>Archivo</translation>
    </message>
    <message>
        <source>Edit</source>
        <translation>Editar</translation>
    </message>
    <message>
        <source>Pipeline</source>
        <translation>Pipeline</translation>
    </message>
    <message>
        <source>Run</source>
        <translation>Ejecución</translation>
    </message>
    <message>
        <source>No problems</source>
        <translation>Sin problemas</translation>
    </message>
    <message numerus="yes">
        <source>%n problem(s)</source>
        <translation>
            <numerusform>%n problema</numerusform>
            <numerusform>%n problemas</numerusform>
        </translation>
    </message>
    <message>
        <source>Data folder: %1</source>
        <translation>Carpeta de datos: %1</translation>
    </message>
    <message>
        <source>The pipeline is valid.</source>
        <translation>El pipeline es válido.</translation>
    </message>
    <message numerus="yes">
        <source>The pipeline has %n problem(s).</source>
        <translation>
            <numerusform>El pipeline tiene %n problema.</numerusform>
            <numerusform>El pipeline tiene %n problemas.</numerusform>
        </translation>
    </message>
    <message>
        <source>New pipeline</source>
        <translation>Nuevo pipeline</translation>
    </message>
    <message>
        <source>Cannot open %1</source>
        <translation>No se puede abrir %1</translation>
    </message>
    <message>
        <source>Opened %1</source>
        <translation>%1 abierto</translation>
    </message>
    <message>
        <source>Save Pipeline</source>
        <translation>Guardar pipeline</translation>
    </message>
    <message>
        <source>Cannot save %1</source>
        <translation>No se puede guardar %1</translation>
    </message>
    <message>
        <source>Saved %1</source>
        <translation>%1 guardado</translation>
    </message>
    <message>
        <source>Cannot import %1</source>
        <translation>No se puede importar %1</translation>
    </message>
    <message>
        <source>Import %1</source>
        <translation>Importar %1</translation>
    </message>
    <message>
        <source>Cannot export %1</source>
        <translation>No se puede exportar %1</translation>
    </message>
    <message>
        <source>Exported %1</source>
        <translation>%1 exportado</translation>
    </message>
    <message>
        <source>Cannot open the sample</source>
        <translation>No se puede abrir el ejemplo</translation>
    </message>
    <message>
        <source>&amp;%1 %2</source>
        <translation>&amp;%1 %2</translation>
    </message>
    <message>
        <source>Clear Recent Files</source>
        <translation>Borrar la lista</translation>
    </message>
    <message>
        <source>Nothing to paste: %1</source>
        <translation>Nada que pegar: %1</translation>
    </message>
    <message>
        <source>%1 (%2)</source>
        <translation>%1 (%2)</translation>
    </message>
    <message>
        <source>Find Node</source>
        <translation>Buscar nodo</translation>
    </message>
    <message>
        <source>Node:</source>
        <translation>Nodo:</translation>
    </message>
    <message>
        <source>About Tributary</source>
        <translation>Acerca de Tributary</translation>
    </message>
    <message>
        <source>&lt;b&gt;Tributary %1&lt;/b&gt;&lt;p&gt;A designer for streaming pipelines: sources, topics, windows, transforms, machine learning and sinks.&lt;/p&gt;</source>
        <translation>&lt;b&gt;Tributary %1&lt;/b&gt;&lt;p&gt;Un diseñador de pipelines de streaming: fuentes, topics, ventanas, transformaciones, aprendizaje automático y destinos.&lt;/p&gt;</translation>
    </message>
    <message>
        <source>Unsaved Changes</source>
        <translation>Cambios sin guardar</translation>
    </message>
    <message>
        <source>%1 has unsaved changes. Save them?</source>
        <translation>%1 tiene cambios sin guardar. ¿Guardarlos?</translation>
    </message>
    <message>
        <source>Import</source>
        <translation>Importar</translation>
    </message>
    <message>
        <source>The pipeline already has nodes with these ids: %1.</source>
        <translation>El pipeline ya tiene nodos con estos identificadores: %1.</translation>
    </message>
    <message>
        <source>Import them as copies with new ids, or replace the nodes?</source>
        <translation>¿Importarlos como copias con identificadores nuevos o reemplazar los nodos?</translation>
    </message>
    <message>
        <source>Import as Copies</source>
        <translation>Importar como copias</translation>
    </message>
    <message>
        <source>Replace</source>
        <translation>Reemplazar</translation>
    </message>
    <message>
        <source>pipeline.json</source>
        <translation>pipeline.json</translation>
    </message>
    <message>
        <source>&amp;Run</source>
        <translation>E&amp;jecutar</translation>
    </message>
    <message>
        <source>The pipeline cannot run</source>
        <translation>La pipeline no puede ejecutarse</translation>
    </message>
    <message>
        <source>The run failed</source>
        <translation>La ejecución falló</translation>
    </message>
    <message>
        <source>Serve Topics to &amp;Kafka Clients</source>
        <translation>Servir los topics a clientes &amp;Kafka</translation>
    </message>
    <message>
        <source>Kafka clients (kcat, librdkafka, kafkajs, Java) produce to and consume from the data folder&apos;s topics</source>
        <translation>Los clientes Kafka (kcat, librdkafka, kafkajs, Java) producen en los topics de la carpeta de datos y los consumen</translation>
    </message>
    <message>
        <source>Kafka clients can connect to %1</source>
        <translation>Los clientes Kafka pueden conectarse a %1</translation>
    </message>
    <message>
        <source>Kafka broker</source>
        <translation>Broker de Kafka</translation>
    </message>
    <message numerus="yes">
        <source>Kafka %1 · %n client(s)</source>
        <translation>
            <numerusform>Kafka %1 · %n cliente</numerusform>
            <numerusform>Kafka %1 · %n clientes</numerusform>
        </translation>
    </message>
    <message>
        <source>%1 records produced by Kafka clients, %2 requests</source>
        <translation>%1 registros producidos por clientes Kafka, %2 peticiones</translation>
    </message>
</context>
<context>
    <name>tributary::ui::NodeKinds</name>
    <message>
        <source>Replay a file</source>
        <translation>Reproducir un archivo</translation>
    </message>
    <message>
        <source>Generate a stream</source>
        <translation>Generar un flujo</translation>
    </message>
    <message>
        <source>TCP lines</source>
        <translation>Líneas TCP</translation>
    </message>
    <message>
        <source>Existing topic</source>
        <translation>Topic existente</translation>
    </message>
    <message>
        <source>Kafka consumer</source>
        <translation>Consumidor de Kafka</translation>
    </message>
    <message>
        <source>Topic</source>
        <translation>Topic</translation>
    </message>
    <message>
        <source>Tumbling window</source>
        <translation>Ventana fija</translation>
    </message>
    <message>
        <source>Hopping window</source>
        <translation>Ventana de salto</translation>
    </message>
    <message>
        <source>Sliding window</source>
        <translation>Ventana deslizante</translation>
    </message>
    <message>
        <source>Session window</source>
        <translation>Ventana de sesión</translation>
    </message>
    <message>
        <source>Filter</source>
        <translation>Filtro</translation>
    </message>
    <message>
        <source>Map</source>
        <translation>Calcular campos</translation>
    </message>
    <message>
        <source>Aggregate</source>
        <translation>Agregar</translation>
    </message>
    <message>
        <source>Join</source>
        <translation>Join</translation>
    </message>
    <message>
        <source>Dedupe</source>
        <translation>Eliminar duplicados</translation>
    </message>
    <message>
        <source>Union</source>
        <translation>Unión</translation>
    </message>
    <message>
        <source>SQL</source>
        <translation>SQL</translation>
    </message>
    <message>
        <source>Streaming k-means</source>
        <translation>k-medias en streaming</translation>
    </message>
    <message>
        <source>Linear regression</source>
        <translation>Regresión lineal</translation>
    </message>
    <message>
        <source>Logistic regression</source>
        <translation>Regresión logística</translation>
    </message>
    <message>
        <source>Anomaly score</source>
        <translation>Puntuación de anomalía</translation>
    </message>
    <message>
        <source>JSON-lines file</source>
        <translation>Archivo JSON Lines</translation>
    </message>
    <message>
        <source>CSV file</source>
        <translation>Archivo CSV</translation>
    </message>
    <message>
        <source>SQLite table</source>
        <translation>Tabla SQLite</translation>
    </message>
    <message>
        <source>Kafka producer</source>
        <translation>Productor de Kafka</translation>
    </message>
    <message>
        <source>Chart</source>
        <translation>Gráfico</translation>
    </message>
    <message>
        <source>Console</source>
        <translation>Consola</translation>
    </message>
</context>
<context>
    <name>tributary::ui::ObjectListEditor</name>
    <message>
        <source>Add</source>
        <translation>Añadir</translation>
    </message>
    <message>
        <source>Add a row at the end</source>
        <translation>Añadir una fila al final</translation>
    </message>
    <message>
        <source>Remove</source>
        <translation>Quitar</translation>
    </message>
    <message>
        <source>Remove the selected row</source>
        <translation>Quitar la fila seleccionada</translation>
    </message>
    <message>
        <source>Move Up</source>
        <translation>Subir</translation>
    </message>
    <message>
        <source>Move the selected row up</source>
        <translation>Subir la fila seleccionada</translation>
    </message>
    <message>
        <source>Move Down</source>
        <translation>Bajar</translation>
    </message>
    <message>
        <source>Move the selected row down</source>
        <translation>Bajar la fila seleccionada</translation>
    </message>
    <message>
        <source>JSON</source>
        <comment>the text format</comment>
        <translation>JSON</translation>
    </message>
    <message>
        <source>Edit the list as JSON</source>
        <translation>Editar la lista como JSON</translation>
    </message>
    <message>
        <source>(none)</source>
        <translation>(ninguno)</translation>
    </message>
    <message>
        <source>Type: %1</source>
        <translation>Tipo: %1</translation>
    </message>
    <message>
        <source>The table cannot show this value; edit it as JSON</source>
        <translation>La tabla no puede mostrar este valor; edítelo como JSON</translation>
    </message>
</context>
<context>
    <name>tributary::ui::PaletteDock</name>
    <message>
        <source>Sources</source>
        <translation>Fuentes</translation>
    </message>
    <message>
        <source>Topics</source>
        <translation>Topics</translation>
    </message>
    <message>
        <source>Windows</source>
        <translation>Ventanas</translation>
    </message>
    <message>
        <source>Transforms</source>
        <translation>Transformaciones</translation>
    </message>
    <message>
        <source>Machine learning</source>
        <translation>Aprendizaje automático</translation>
    </message>
    <message>
        <source>Sinks</source>
        <translation>Destinos</translation>
    </message>
    <message>
        <source>Palette</source>
        <translation>Paleta</translation>
    </message>
    <message>
        <source>Search node kinds</source>
        <translation>Buscar tipos de nodo</translation>
    </message>
</context>
<context>
    <name>tributary::ui::ParamEditor</name>
    <message>
        <source>Values separated by commas</source>
        <translation>Valores separados por comas</translation>
    </message>
    <message>
        <source>Not a field of the input</source>
        <translation>No es un campo de la entrada</translation>
    </message>
    <message>
        <source>Not valid JSON yet</source>
        <translation>Todavía no es JSON válido</translation>
    </message>
    <message>
        <source>One expression per line</source>
        <translation>Una expresión por línea</translation>
    </message>
    <message>
        <source>Choose a file</source>
        <translation>Elegir un archivo</translation>
    </message>
    <message>
        <source>Output file</source>
        <translation>Archivo de salida</translation>
    </message>
    <message>
        <source>Input file</source>
        <translation>Archivo de entrada</translation>
    </message>
</context>
<context>
    <name>tributary::ui::PipelineDocument</name>
    <message>
        <source>Untitled</source>
        <translation>Sin título</translation>
    </message>
    <message>
        <source>%1%2 — Tributary</source>
        <extracomment>%1 is the file&apos;s name, %2 a star when it has unsaved changes</extracomment>
        <translation>%1%2 — Tributary</translation>
    </message>
    <message>
        <source>New pipeline</source>
        <translation>Nuevo pipeline</translation>
    </message>
    <message>
        <source>Cannot open %1: %2</source>
        <translation>No se puede abrir %1: %2</translation>
    </message>
    <message>
        <source>%1 is not a Tributary pipeline: %2</source>
        <translation>%1 no es un pipeline de Tributary: %2</translation>
    </message>
    <message>
        <source>%1 cannot be read: %2</source>
        <translation>No se puede leer %1: %2</translation>
    </message>
    <message>
        <source>Cannot save %1: %2</source>
        <translation>No se puede guardar %1: %2</translation>
    </message>
    <message>
        <source>There is no node &apos;%1&apos;.</source>
        <translation>No hay ningún nodo «%1».</translation>
    </message>
    <message>
        <source>A node cannot feed itself.</source>
        <translation>Un nodo no puede alimentarse a sí mismo.</translation>
    </message>
    <message>
        <source>%1 is of an unknown kind (%2).</source>
        <translation>%1 es de un tipo desconocido (%2).</translation>
    </message>
    <message>
        <source>%1 has no outputs.</source>
        <translation>%1 no tiene salidas.</translation>
    </message>
    <message>
        <source>%1 has no output &apos;%2&apos; (it has: %3).</source>
        <translation>%1 no tiene la salida «%2» (tiene: %3).</translation>
    </message>
    <message>
        <source>%1 has no inputs.</source>
        <translation>%1 no tiene entradas.</translation>
    </message>
    <message>
        <source>%1 has no input &apos;%2&apos; (it has: %3).</source>
        <translation>%1 no tiene la entrada «%2» (tiene: %3).</translation>
    </message>
    <message>
        <source>%1 is already connected to %2.</source>
        <translation>%1 ya está conectado a %2.</translation>
    </message>
    <message>
        <source>%1 already has its input (from %2); only topics and unions take several.</source>
        <translation>%1 ya tiene su entrada (desde %2); solo los topics y las uniones aceptan varias.</translation>
    </message>
    <message>
        <source>Connecting %1 to %2 would make a cycle.</source>
        <translation>Conectar %1 con %2 crearía un ciclo.</translation>
    </message>
    <message>
        <source>The schema does not fit: %1</source>
        <translation>El esquema no encaja: %1</translation>
    </message>
    <message>
        <source>Delete %1</source>
        <translation>Eliminar %1</translation>
    </message>
    <message numerus="yes">
        <source>Delete %n node(s)</source>
        <translation>
            <numerusform>Eliminar %n nodo</numerusform>
            <numerusform>Eliminar %n nodos</numerusform>
        </translation>
    </message>
    <message>
        <source>Copied nodes</source>
        <translation>Nodos copiados</translation>
    </message>
    <message>
        <source>Cut</source>
        <translation>Cortar</translation>
    </message>
    <message>
        <source>Nothing to paste: %1</source>
        <translation>Nada que pegar: %1</translation>
    </message>
    <message>
        <source>Nothing to paste: there are no nodes.</source>
        <translation>Nada que pegar: no hay nodos.</translation>
    </message>
    <message numerus="yes">
        <source>Paste %n node(s)</source>
        <translation>
            <numerusform>Pegar %n nodo</numerusform>
            <numerusform>Pegar %n nodos</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Duplicate %n node(s)</source>
        <translation>
            <numerusform>Duplicar %n nodo</numerusform>
            <numerusform>Duplicar %n nodos</numerusform>
        </translation>
    </message>
    <message>
        <source>Import</source>
        <translation>Importar</translation>
    </message>
    <message>
        <source>Import %1</source>
        <translation>Importar %1</translation>
    </message>
</context>
<context>
    <name>tributary::ui::PipelineScene</name>
    <message>
        <source>Delete</source>
        <translation>Eliminar</translation>
    </message>
    <message numerus="yes">
        <source>Move %n node(s)</source>
        <translation>
            <numerusform>Mover %n nodo</numerusform>
            <numerusform>Mover %n nodos</numerusform>
        </translation>
    </message>
    <message>
        <source>An input connects to an output.</source>
        <translation>Una entrada se conecta a una salida.</translation>
    </message>
    <message>
        <source>An output connects to an input.</source>
        <translation>Una salida se conecta a una entrada.</translation>
    </message>
    <message>
        <source>These ports cannot be connected.</source>
        <translation>Estos puertos no se pueden conectar.</translation>
    </message>
</context>
<context>
    <name>tributary::ui::PreferencesDialog</name>
    <message>
        <source>Preferences</source>
        <translation>Preferencias</translation>
    </message>
    <message>
        <source>System language</source>
        <translation>Idioma del sistema</translation>
    </message>
    <message>
        <source>Light</source>
        <translation>Claro</translation>
    </message>
    <message>
        <source>Dark</source>
        <translation>Oscuro</translation>
    </message>
    <message>
        <source>Choose a folder</source>
        <translation>Elegir una carpeta</translation>
    </message>
    <message>
        <source>Default data folder</source>
        <translation>Carpeta de datos predeterminada</translation>
    </message>
    <message>
        <source>Language</source>
        <translation>Idioma</translation>
    </message>
    <message>
        <source>A new language takes effect when Tributary starts again.</source>
        <translation>Un idioma nuevo se aplica cuando Tributary se inicia de nuevo.</translation>
    </message>
    <message>
        <source>Theme</source>
        <translation>Tema</translation>
    </message>
    <message>
        <source>Data folder</source>
        <translation>Carpeta de datos</translation>
    </message>
    <message>
        <source>Where the embedded Kafka broker listens, as host:port</source>
        <translation>Dónde escucha el broker de Kafka integrado, como host:puerto</translation>
    </message>
    <message>
        <source>Kafka broker address</source>
        <translation>Dirección del broker de Kafka</translation>
    </message>
</context>
<context>
    <name>tributary::ui::PreviewDock</name>
    <message>
        <source>Preview</source>
        <translation>Vista previa</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>Motivo</translation>
    </message>
    <message>
        <source>Position</source>
        <translation>Posición</translation>
    </message>
    <message>
        <source>Raw</source>
        <translation>Original</translation>
    </message>
    <message>
        <source>Pause</source>
        <translation>Pausa</translation>
    </message>
    <message>
        <source>Freeze the table; new records are skipped until you resume</source>
        <translation>Congelar la tabla; los registros nuevos se omiten hasta reanudar</translation>
    </message>
    <message>
        <source>Records</source>
        <translation>Registros</translation>
    </message>
    <message>
        <source>Dead letters</source>
        <translation>Mensajes fallidos</translation>
    </message>
    <message numerus="yes">
        <source>%1 — paused, %n record(s)</source>
        <translation>
            <numerusform>%1 — en pausa, %n registro</numerusform>
            <numerusform>%1 — en pausa, %n registros</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%1 — %n record(s)</source>
        <translation>
            <numerusform>%1 — %n registro</numerusform>
            <numerusform>%1 — %n registros</numerusform>
        </translation>
    </message>
    <message>
        <source>Dead letters (%1)</source>
        <translation>Mensajes fallidos (%1)</translation>
    </message>
    <message>
        <source>%1 → %2</source>
        <comment>an edge from one node to another</comment>
        <translation>%1 → %2</translation>
    </message>
    <message>
        <source>Select a node or an edge to see its latest records.</source>
        <translation>Seleccione un nodo o una conexión para ver sus últimos registros.</translation>
    </message>
</context>
<context>
    <name>tributary::ui::ProblemsDock</name>
    <message>
        <source>Problems</source>
        <translation>Problemas</translation>
    </message>
    <message>
        <source>Where</source>
        <translation>Ubicación</translation>
    </message>
    <message>
        <source>Problem</source>
        <translation>Problema</translation>
    </message>
    <message>
        <source>Problems (%1)</source>
        <translation>Problemas (%1)</translation>
    </message>
</context>
<context>
    <name>tributary::ui::QuickAddPopup</name>
    <message>
        <source>Add a node: type to search</source>
        <translation>Añadir un nodo: escriba para buscar</translation>
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
        <translation>tiempo</translation>
    </message>
</context>
<context>
    <name>tributary::ui::RunControls</name>
    <message>
        <source>&amp;Run</source>
        <translation>E&amp;jecutar</translation>
    </message>
    <message>
        <source>&amp;Pause</source>
        <translation>&amp;Pausa</translation>
    </message>
    <message>
        <source>&amp;Stop</source>
        <translation>&amp;Detener</translation>
    </message>
    <message>
        <source>Reset &amp;State</source>
        <translation>&amp;Restablecer estado</translation>
    </message>
    <message>
        <source>Stop, and start the next run from nothing (topics and state)</source>
        <translation>Detener y empezar la próxima ejecución desde cero (topics y estado)</translation>
    </message>
    <message>
        <source>Replay speed of the sources</source>
        <translation>Velocidad de reproducción de las fuentes</translation>
    </message>
    <message>
        <source>As set</source>
        <translation>Según lo definido</translation>
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
        <translation>máx.</translation>
    </message>
    <message>
        <source>Idle</source>
        <translation>Inactivo</translation>
    </message>
    <message>
        <source>Running</source>
        <translation>En ejecución</translation>
    </message>
    <message>
        <source>Paused</source>
        <translation>En pausa</translation>
    </message>
    <message>
        <source>Finished</source>
        <translation>Terminado</translation>
    </message>
    <message>
        <source>Stopped</source>
        <translation>Detenido</translation>
    </message>
    <message>
        <source>Failed</source>
        <translation>Fallido</translation>
    </message>
    <message>
        <source>&amp;Resume</source>
        <translation>&amp;Reanudar</translation>
    </message>
    <message>
        <source>%1 · %2 events/s · total lag %3</source>
        <translation>%1 · %2 eventos/s · retraso total %3</translation>
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
        <translation>Diseñe pipelines de streaming y ejecútelos en directo.</translation>
    </message>
    <message>
        <source>New pipeline</source>
        <translation>Nuevo pipeline</translation>
    </message>
    <message>
        <source>Open…</source>
        <translation>Abrir…</translation>
    </message>
    <message>
        <source>Samples</source>
        <translation>Ejemplos</translation>
    </message>
    <message>
        <source>Recent files</source>
        <translation>Archivos recientes</translation>
    </message>
    <message>
        <source>No samples found.</source>
        <translation>No se encontraron ejemplos.</translation>
    </message>
    <message>
        <source>Nodes: %1</source>
        <translation>Nodos: %1</translation>
    </message>
    <message>
        <source>No recent files.</source>
        <translation>No hay archivos recientes.</translation>
    </message>
    <message>
        <source>Could not copy %1 to %2.</source>
        <translation>No se pudo copiar %1 a %2.</translation>
    </message>
    <message>
        <source>%1 holds no pipeline.json.</source>
        <translation>%1 no contiene ningún pipeline.json.</translation>
    </message>
</context>
<context>
    <name>tributary::ui::TimeSeriesChart</name>
    <message>
        <source>seconds</source>
        <translation>segundos</translation>
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
        <translation>Leer</translation>
    </message>
    <message>
        <source>Partition</source>
        <translation>Partición</translation>
    </message>
    <message>
        <source>From offset</source>
        <translation>Desde el offset</translation>
    </message>
    <message>
        <source>Offset</source>
        <translation>Offset</translation>
    </message>
    <message>
        <source>Time</source>
        <translation>Hora</translation>
    </message>
    <message>
        <source>Key</source>
        <translation>Clave</translation>
    </message>
    <message>
        <source>Value</source>
        <translation>Valor</translation>
    </message>
    <message>
        <source>(none)</source>
        <translation>(ninguna)</translation>
    </message>
    <message>
        <source>(null)</source>
        <translation>(null)</translation>
    </message>
    <message numerus="yes">
        <source>%n record(s)</source>
        <translation>
            <numerusform>%n registro</numerusform>
            <numerusform>%n registros</numerusform>
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
        <translation>Tipo</translation>
    </message>
    <message>
        <source>Partitions</source>
        <translation>Particiones</translation>
    </message>
    <message>
        <source>End offset</source>
        <translation>Offset final</translation>
    </message>
    <message>
        <source>Lag</source>
        <translation>Retraso</translation>
    </message>
    <message>
        <source>Read by</source>
        <translation>Leído por</translation>
    </message>
    <message>
        <source>dead letters</source>
        <translation>mensajes fallidos</translation>
    </message>
    <message>
        <source>The records that node %1 rejected, with their reasons</source>
        <translation>Los registros que rechazó el nodo %1, con sus motivos</translation>
    </message>
    <message>
        <source>external</source>
        <translation>externo</translation>
    </message>
    <message>
        <source>internal</source>
        <translation>interno</translation>
    </message>
    <message>
        <source>topic</source>
        <translation>topic</translation>
    </message>
    <message>
        <source>group %1</source>
        <translation>grupo %1</translation>
    </message>
</context>
</TS>
