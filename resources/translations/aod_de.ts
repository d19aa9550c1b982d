<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="de_DE">
<context>
    <name>Aod::Ui::AgentEditorDialog</name>
    <message>
        <source>Key</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Value (JSON or text)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>New agent</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No environment</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>What this agent is for</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Prepended to the first turn&apos;s prompt</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Provider</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Model</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Environment</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Description</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;System prompt</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Type (inline/github)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Description</source>
        <translation type="unfinished">Beschreibung</translation>
    </message>
    <message>
        <source>Source (owner/repo)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Content of the selected inline skill (SKILL.md)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Add inline skill</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Add GitHub skill</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Remove</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Content:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Type (url/stdio)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>URL</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Command</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Args (JSON list or words)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Headers (JSON)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Env (JSON)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Add URL server</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Add stdio server</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>General</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Skills</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>MCP servers</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Metadata</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>must be a JSON object like {&quot;KEY&quot;: &quot;value&quot;}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 (archived or unknown)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Edit agent %1 (v%2)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Creating the agent failed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Saving the agent failed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reloaded version %1 from the server.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Loading the server&apos;s version failed</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Aod::Ui::AgentListModel</name>
    <message>
        <source>archived</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>active</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Archived %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Provider</source>
        <translation type="unfinished">Anbieter</translation>
    </message>
    <message>
        <source>Model</source>
        <translation type="unfinished">Modell</translation>
    </message>
    <message>
        <source>Version</source>
        <translation type="unfinished">Version</translation>
    </message>
    <message>
        <source>Environment</source>
        <translation type="unfinished">Umgebung</translation>
    </message>
    <message>
        <source>Status</source>
        <translation type="unfinished">Status</translation>
    </message>
    <message>
        <source>Created</source>
        <translation type="unfinished">Erstellt</translation>
    </message>
    <message>
        <source>Updated</source>
        <translation type="unfinished">Aktualisiert</translation>
    </message>
</context>
<context>
    <name>Aod::Ui::ConflictDialog</name>
    <message>
        <source>Edit conflict</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Someone saved this item while you were editing it: you started from version %1, the server now has version %2. Nothing was overwritten.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Changed on the server (v%1 → v%2)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Your changes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Both changed: %1. Re-applying puts your values over the server&apos;s for these fields.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reload (discard mine)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Re-apply my changes</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Aod::Ui::ConnectionDialog</name>
    <message>
        <source>Connect</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Start offline demo</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Connect to AoD</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&lt;b&gt;Welcome to AoD Desktop.&lt;/b&gt; Connect to an Agent on Demand server with an API token, or try everything offline against a local demo server with sample data.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>New profile</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Default</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Runs a local AoD server inside the app with sample agents, environments and sessions; nothing leaves this computer.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Server</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Profile</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Server &amp;URL</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>API &amp;token</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Token rejected</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&lt;b&gt;%1 rejected the token&lt;/b&gt; (%2). Paste a new one to continue; until then nothing is retried.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Create a token in the web UI under &lt;a href=&quot;%1&quot;&gt;API keys&lt;/a&gt; (%2); it is shown only once.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Aod::Ui::ConnectionManager</name>
    <message>
        <source>Not connected</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Connecting to %1…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Connected to %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 is degraded</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 is unreachable</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Token rejected by %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The local demo server could not listen on a loopback port.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Offline demo</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This build has no local demo server.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Aod::Ui::ConsoleFeeder</name>
    <message>
        <source>──────── turn %1 ────────</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 failed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>■ exit %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>■ exit (no code)</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Aod::Ui::Diff</name>
    <message>
        <source>Name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Provider</source>
        <translation type="unfinished">Anbieter</translation>
    </message>
    <message>
        <source>Model</source>
        <translation type="unfinished">Modell</translation>
    </message>
    <message>
        <source>Environment</source>
        <translation type="unfinished">Umgebung</translation>
    </message>
    <message>
        <source>Description</source>
        <translation type="unfinished">Beschreibung</translation>
    </message>
    <message>
        <source>System prompt</source>
        <translation type="unfinished">System-Prompt</translation>
    </message>
    <message>
        <source>Skills</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>MCP servers</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Metadata</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Networking</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Allowed hosts</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Packages</source>
        <translation type="unfinished">Pakete</translation>
    </message>
    <message>
        <source>Setup script</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No differences.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Aod::Ui::EnvironmentEditorDialog</name>
    <message>
        <source>Variable</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Value (write-only)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Send these variables (replaces all stored ones)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>New environment</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Unrestricted</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Limited</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>One host per line (used only when limited)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>#!/bin/bash
# runs once when the sandbox is created</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Net&amp;working</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Allowed &amp;hosts</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>space-separated %1 packages</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The server never returns variable values. When editing, leave the box unticked to keep the stored variables unchanged.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>General</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Environment variables</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Setup script</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Edit environment %1 (v%2)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Creating the environment failed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Saving the environment failed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Loading the server&apos;s version failed</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Aod::Ui::EnvironmentListModel</name>
    <message numerus="yes">
        <source>limited (%n host(s))</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>unrestricted</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>archived</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>active</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Networking</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Packages</source>
        <translation type="unfinished">Pakete</translation>
    </message>
    <message>
        <source>Version</source>
        <translation type="unfinished">Version</translation>
    </message>
    <message>
        <source>Status</source>
        <translation type="unfinished">Status</translation>
    </message>
    <message>
        <source>Created</source>
        <translation type="unfinished">Erstellt</translation>
    </message>
    <message>
        <source>Updated</source>
        <translation type="unfinished">Aktualisiert</translation>
    </message>
</context>
<context>
    <name>Aod::Ui::ErrorBanner</name>
    <message>
        <source>Details</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Dismiss</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Error: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>HTTP status: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Request: %1 %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Message: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Detail: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Active sessions: %1 of %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Response body:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 (×%2)</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Aod::Ui::KeyValueEditor</name>
    <message>
        <source>Add</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Remove</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Aod::Ui::LaunchSessionDialog</name>
    <message>
        <source>Variable</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Secret value</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Start a session</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>What should the agent do?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> s</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Agent&apos;s default</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>GitHub URL</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Mount path (optional)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Token (private repos)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Agent</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Prompt</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Timeout</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Environment</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Add repository</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Remove</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Session</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Repositories</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Secret env vars</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Start</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Create an agent first</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Concurrent session limit reached: %1/%2 sessions active. Terminate one before starting another.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open active sessions</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Starting the session failed</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Aod::Ui::ListPage</name>
    <message>
        <source>Show archived</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Filter…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Refresh</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reload the list (F5)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Loading…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not loaded yet.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Nothing matches the filter.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Aod::Ui::MainWindow</name>
    <message>
        <source>AoD Desktop</source>
        <translation>AoD Desktop</translation>
    </message>
    <message>
        <source>All providers</source>
        <translation>Alle Anbieter</translation>
    </message>
    <message>
        <source>No agents yet. Create one with “New agent” (Ctrl+N).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No environments yet. Create one with “New environment”.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>All statuses</source>
        <translation>Alle Status</translation>
    </message>
    <message>
        <source>Active</source>
        <translation>Aktiv</translation>
    </message>
    <message>
        <source>Pending</source>
        <translation>Wartend</translation>
    </message>
    <message>
        <source>Running</source>
        <translation>Läuft</translation>
    </message>
    <message>
        <source>Completed</source>
        <translation>Abgeschlossen</translation>
    </message>
    <message>
        <source>Failed</source>
        <translation>Fehlgeschlagen</translation>
    </message>
    <message>
        <source>Terminated</source>
        <translation>Beendet</translation>
    </message>
    <message>
        <source>No sessions yet. Start one from an agent (Ctrl+L).</source>
        <translation>Noch keine Sitzungen. Starten Sie eine von einem Agenten aus (Strg+L).</translation>
    </message>
    <message>
        <source>&amp;Agents</source>
        <translation>&amp;Agenten</translation>
    </message>
    <message>
        <source>&amp;Environments</source>
        <translation>&amp;Umgebungen</translation>
    </message>
    <message>
        <source>&amp;Sessions</source>
        <translation>&amp;Sitzungen</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>&amp;Datei</translation>
    </message>
    <message>
        <source>&amp;Connect…</source>
        <translation>&amp;Verbinden…</translation>
    </message>
    <message>
        <source>Start offline &amp;demo</source>
        <translation>Offline-&amp;Demo starten</translation>
    </message>
    <message>
        <source>&amp;Settings…</source>
        <translation>&amp;Einstellungen…</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>&amp;Beenden</translation>
    </message>
    <message>
        <source>A&amp;gents</source>
        <translation>A&amp;genten</translation>
    </message>
    <message>
        <source>&amp;New agent…</source>
        <translation>&amp;Neuer Agent…</translation>
    </message>
    <message>
        <source>&amp;Edit agent…</source>
        <translation>Agent &amp;bearbeiten…</translation>
    </message>
    <message>
        <source>Version &amp;history…</source>
        <translation>Versions&amp;verlauf…</translation>
    </message>
    <message>
        <source>&amp;Archive agent</source>
        <translation>Agent &amp;archivieren</translation>
    </message>
    <message>
        <source>&amp;Start session…</source>
        <translation>Sitzung &amp;starten…</translation>
    </message>
    <message>
        <source>E&amp;nvironments</source>
        <translation>U&amp;mgebungen</translation>
    </message>
    <message>
        <source>&amp;New environment…</source>
        <translation>&amp;Neue Umgebung…</translation>
    </message>
    <message>
        <source>&amp;Edit environment…</source>
        <translation>Umgebung &amp;bearbeiten…</translation>
    </message>
    <message>
        <source>&amp;Archive environment</source>
        <translation>Umgebung &amp;archivieren</translation>
    </message>
    <message>
        <source>&amp;Delete environment</source>
        <translation>Umgebung &amp;löschen</translation>
    </message>
    <message>
        <source>&amp;Open session</source>
        <translation>Sitzung ö&amp;ffnen</translation>
    </message>
    <message>
        <source>Show &amp;active sessions</source>
        <translation>&amp;Aktive Sitzungen zeigen</translation>
    </message>
    <message>
        <source>Delete finished sessions older than…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Clean up sessions</source>
        <translation>Sitzungen aufräumen</translation>
    </message>
    <message>
        <source>Delete completed, failed and terminated sessions older than (days):</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Close session tab</source>
        <translation>Sitzungs-Tab &amp;schließen</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>Ans&amp;icht</translation>
    </message>
    <message>
        <source>&amp;Refresh</source>
        <translation>A&amp;ktualisieren</translation>
    </message>
    <message>
        <source>&amp;Filter</source>
        <translation>&amp;Filtern</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>&amp;Hilfe</translation>
    </message>
    <message>
        <source>&amp;About AoD Desktop</source>
        <translation>&amp;Über AoD Desktop</translation>
    </message>
    <message>
        <source>About AoD Desktop</source>
        <translation>Über AoD Desktop</translation>
    </message>
    <message>
        <source>&lt;b&gt;AoD Desktop %1&lt;/b&gt;&lt;br&gt;A native operator app for the Agent on Demand API.&lt;br&gt;Qt %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Main</source>
        <translation>Haupt</translation>
    </message>
    <message>
        <source>The token is stored in the system keychain, never in the settings file.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No system keychain is available (%1): the token is kept for this session only and must be pasted again next time.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Token kept for this session only: no keychain available.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The server rejected the token</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The new token replaces the old one in the system keychain.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No system keychain: the token is kept for this session only.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>AoD Desktop — %1</source>
        <translation>AoD Desktop — %1</translation>
    </message>
    <message>
        <source>Loading agents failed</source>
        <translation>Laden der Agenten fehlgeschlagen</translation>
    </message>
    <message>
        <source>Loading environments failed</source>
        <translation>Laden der Umgebungen fehlgeschlagen</translation>
    </message>
    <message>
        <source>Loading sessions failed</source>
        <translation>Laden der Sitzungen fehlgeschlagen</translation>
    </message>
    <message>
        <source>%1 (exit %2)</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%n active session(s)</source>
        <translation>
            <numerusform>%n aktive Sitzung</numerusform>
            <numerusform>%n aktive Sitzungen</numerusform>
        </translation>
    </message>
    <message>
        <source>(unknown agent %1)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Select an agent to see its details.</source>
        <translation>Wählen Sie einen Agenten, um seine Details zu sehen.</translation>
    </message>
    <message>
        <source>ID</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Version</source>
        <translation>Version</translation>
    </message>
    <message>
        <source>Provider</source>
        <translation>Anbieter</translation>
    </message>
    <message>
        <source>Model</source>
        <translation>Modell</translation>
    </message>
    <message>
        <source>Environment</source>
        <translation>Umgebung</translation>
    </message>
    <message>
        <source>none</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Description</source>
        <translation>Beschreibung</translation>
    </message>
    <message>
        <source>System prompt</source>
        <translation>System-Prompt</translation>
    </message>
    <message>
        <source>Skills</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>MCP servers</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>archived %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>active</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Created</source>
        <translation>Erstellt</translation>
    </message>
    <message>
        <source>Updated</source>
        <translation>Aktualisiert</translation>
    </message>
    <message>
        <source>Select an environment to see its details.</source>
        <translation>Wählen Sie eine Umgebung, um ihre Details zu sehen.</translation>
    </message>
    <message>
        <source>Networking</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>limited: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>no egress</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>unrestricted</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Packages</source>
        <translation>Pakete</translation>
    </message>
    <message>
        <source>Setup script</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Env vars</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>write-only: values are never returned</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>archived</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>health: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>health check failed: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>offline demo (local server in this app)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>token in system keychain</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>token for this session only (no keychain)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Session %1 deleted.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Session %1 ended: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Session %1 %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Agent %1 created.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 is archived: archived agents cannot be edited.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Agent %1 saved as version %2.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Archive agent</source>
        <translation>Agent archivieren</translation>
    </message>
    <message>
        <source>Archive %1? It disappears from the list and cannot start new sessions. There is no un-archive.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Agent %1 archived.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Archiving failed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Delete environment</source>
        <translation>Umgebung löschen</translation>
    </message>
    <message>
        <source>Delete %1 for good? This fails while sessions still reference it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Deleting the environment failed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cleanup</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>Deleting %n finished session(s)…</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
</context>
<context>
    <name>Aod::Ui::OutputLogView</name>
    <message>
        <source>Copy</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Select all</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Follow output</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Aod::Ui::SessionListModel</name>
    <message>
        <source>(agent removed)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>ID</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Agent</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Provider</source>
        <translation type="unfinished">Anbieter</translation>
    </message>
    <message>
        <source>Status</source>
        <translation type="unfinished">Status</translation>
    </message>
    <message>
        <source>Exit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Turns</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Created</source>
        <translation type="unfinished">Erstellt</translation>
    </message>
    <message>
        <source>Updated</source>
        <translation type="unfinished">Aktualisiert</translation>
    </message>
</context>
<context>
    <name>Aod::Ui::SessionView</name>
    <message>
        <source>Interrupt</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Stop the running turn; the session stays usable (Ctrl+I)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Terminate</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>End the session and its sandbox</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Delete</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Delete the session and its logs (not while active)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Search output (Ctrl+F, Enter for next)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Only matches</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Raw</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Show the output exactly as the runtime wrote it (Ctrl+R)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>stderr</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Thinking</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Follow</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Keep the newest output in view (End)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Copy</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save the transcript to a file (Ctrl+S)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Follow-up prompt (Ctrl+Enter to send)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> s</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Timeout of the new turn</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Send</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Console</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Stages</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Turns</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Details</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save transcript</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Text files (*.txt);;All files (*)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Terminate session</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Terminate session %1? Its sandbox is destroyed and it cannot take prompts any more.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Delete session</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Delete session %1 and all its logs?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%L1 lines (%L2 older dropped)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%L1 lines</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Loading the session failed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Loading the turns failed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Refreshing the session failed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The live stream stopped</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>ID</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Agent</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Environment</source>
        <translation type="unfinished">Umgebung</translation>
    </message>
    <message>
        <source>none</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Provider</source>
        <translation type="unfinished">Anbieter</translation>
    </message>
    <message>
        <source>Formatter</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Status</source>
        <translation type="unfinished">Status</translation>
    </message>
    <message>
        <source>Exit code</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Resources</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Created</source>
        <translation type="unfinished">Erstellt</translation>
    </message>
    <message>
        <source>Updated</source>
        <translation type="unfinished">Aktualisiert</translation>
    </message>
    <message>
        <source>%1 (exit %2)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The session is completed: send a follow-up prompt to start the next turn.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A turn is running: follow-ups are possible once it completes.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The session failed and cannot be resumed: start a new session.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The session was terminated.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Unknown status.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Loading…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Only a completed session takes a follow-up prompt.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The follow-up was refused</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Interrupt requested: the turn stops and the session stays usable.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Interrupt failed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Terminate failed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Delete failed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot write %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Aod::Ui::SettingsDialog</name>
    <message>
        <source>Notify when a watched session ends</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Show thinking lines in the console</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Settings</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> lines</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Older lines are dropped beyond this, per session and view, to bound memory.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> s</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Console line cap</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Console font</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Poll sessions every</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Check server health every</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Aod::Ui::Stage</name>
    <message>
        <source>creating sandbox</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>applying network policy</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>writing env file</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>writing git credentials</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>installing packages, cloning repos, running setup</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>writing mcp config</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>writing skills</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>starting agent</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Aod::Ui::StageTimelineModel</name>
    <message>
        <source>✓ done</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>✗ failed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>… running</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Stage</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>State</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Duration</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Message</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Aod::Ui::StreamStatusIndicator</name>
    <message>
        <source>not connected</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>connecting…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>live · quiet for %1s</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>live</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>live · last activity %1s ago</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>reconnecting…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>stream ended</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>stream failed</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Aod::Ui::TokenStore</name>
    <message>
        <source>This build has no keychain support.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Keychain disabled.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Aod::Ui::TurnListModel</name>
    <message>
        <source>Turn</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Status</source>
        <translation type="unfinished">Status</translation>
    </message>
    <message>
        <source>Exit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Prompt</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Started</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Ended</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Duration</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Aod::Ui::VersionHistoryDialog</name>
    <message>
        <source>Compare</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>with</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Loading…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Version history of %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>v%1 · %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Loading the versions failed: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>v%1 → v%2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The first version: every field as created.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>main</name>
    <message>
        <source>Operator app for the Agent on Demand API.</source>
        <translation>Bedien-App für die Agent-on-Demand-API.</translation>
    </message>
    <message>
        <source>Start the offline demo (a local AoD server inside the app).</source>
        <translation>Offline-Demo starten (ein lokaler AoD-Server in der App).</translation>
    </message>
    <message>
        <source>Use a dark palette.</source>
        <translation>Dunkle Farbpalette verwenden.</translation>
    </message>
    <message>
        <source>Use this INI file instead of the user&apos;s settings.</source>
        <translation>Diese INI-Datei statt der Benutzereinstellungen verwenden.</translation>
    </message>
    <message>
        <source>Keep tokens for this session only.</source>
        <translation>Tokens nur für diese Sitzung behalten.</translation>
    </message>
    <message>
        <source>Save screenshots of the demo into a folder, then quit.</source>
        <translation>Bildschirmfotos der Demo in einem Ordner speichern, dann beenden.</translation>
    </message>
</context>
</TS>
