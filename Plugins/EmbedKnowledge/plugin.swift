import Foundation
import PackagePlugin

/// Embeds every file of the package's `Knowledge/` folder in the target as Swift string
/// literals, so a release binary carries its knowledge wherever it is copied.
@main
struct EmbedKnowledge: BuildToolPlugin {
  func createBuildCommands(context: PluginContext, target: Target) throws -> [Command] {
    let knowledge = context.package.directoryURL.appending(path: "Knowledge")
    let names = try FileManager.default.contentsOfDirectory(atPath: knowledge.path)
      .filter { !$0.hasPrefix(".") }
      .sorted()
    let inputs = names.map { knowledge.appending(path: $0) }
    let output = context.pluginWorkDirectoryURL.appending(path: "EmbeddedKnowledge.swift")
    return [
      .buildCommand(
        displayName: "Embedding \(inputs.count) knowledge files",
        executable: try context.tool(named: "embed-knowledge").url,
        arguments: [output.path] + inputs.map(\.path),
        inputFiles: inputs,
        outputFiles: [output]
      )
    ]
  }
}
