import Foundation
import PackagePlugin

/// Embeds the package's `Knowledge/` in the target twice over, so a release binary carries its
/// knowledge wherever it is copied: every file as a Swift string literal (for `coach check` and
/// for rebuilding with other settings), and a snapshot of the coach built from them (parsed
/// intents and the matcher's index), which start-up reads back in a fraction of a millisecond
/// instead of parsing and analysing every example.
@main
struct EmbedKnowledge: BuildToolPlugin {
  func createBuildCommands(context: PluginContext, target: Target) throws -> [Command] {
    let knowledge = context.package.directoryURL.appending(path: "Knowledge")
    let names = try FileManager.default.contentsOfDirectory(atPath: knowledge.path)
      .filter { !$0.hasPrefix(".") }
      .sorted()
    let inputs = names.map { knowledge.appending(path: $0) }
    let files = context.pluginWorkDirectoryURL.appending(path: "EmbeddedKnowledge.swift")
    let snapshot = context.pluginWorkDirectoryURL.appending(path: "EmbeddedSnapshot.swift")
    return [
      .buildCommand(
        displayName: "Embedding \(inputs.count) knowledge files",
        executable: try context.tool(named: "embed-knowledge").url,
        arguments: [files.path] + inputs.map(\.path),
        inputFiles: inputs,
        outputFiles: [files]
      ),
      .buildCommand(
        displayName: "Building the knowledge snapshot from \(inputs.count) files",
        executable: try context.tool(named: "make-snapshot").url,
        arguments: [snapshot.path] + inputs.map(\.path),
        inputFiles: inputs,
        outputFiles: [snapshot]
      ),
    ]
  }
}
