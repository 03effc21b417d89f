import ArgumentParser
import CoachKit
#if canImport(FoundationEssentials)
  import FoundationEssentials
#else
  import Foundation
#endif

extension CoachCommand {
  /// Validates knowledge and reports coverage.
  struct Check: ParsableCommand {
    static let configuration = CommandConfiguration(
      commandName: "check",
      abstract: "Validate the knowledge, show which intent covers each source section, and test each example held out.")

    @OptionGroup var options: GlobalOptions

    @Flag(name: .long, help: "List every held-out example that classifies elsewhere.")
    var verbose = false

    @OptionGroup var tuning: TuningOptions

    func run() throws {
      let coach = try options.values.loadCoach(settings: try tuning.settings())
      let check = KnowledgeCheck(table: coach.table, settings: try tuning.settings())
      var out = Terminal.standardOutput
      out.write("\(coach.table.intents.count) intents, \(coach.table.intents.map(\.examples.count).reduce(0, +)) examples: all files valid\n\n")
      out.write("source sections\n")
      for (section, intents) in check.coverage {
        out.write("  \(intents.isEmpty ? "UNCOVERED" : "ok       ") \(section) → \(intents.isEmpty ? "-" : intents.joined(separator: ", "))\n")
      }
      for (intent, count) in check.thin {
        out.write("warning: \(intent) has \(count) examples; 12 or more make it reliable\n")
      }
      let share = check.examplesChecked == 0 ? 1 : 1 - Double(check.strays.count) / Double(check.examplesChecked)
      out.write(String(printf: "\nheld-out examples: %d of %d classify to their own intent (%.1f%%)\n", check.examplesChecked - check.strays.count, check.examplesChecked, share * 100))
      out.write(String(printf: "held-out examples ranked first before the unknown threshold: %.1f%%\n", Double(check.rankedFirst) / Double(max(1, check.examplesChecked)) * 100))
      out.write(String(printf: "the unknown threshold that keeps 95%% of held-out examples: %.2f (the matcher uses %.2f)\n", check.suggestedThreshold, try tuning.settings().threshold))
      for stray in verbose ? check.strays : Array(check.strays.prefix(15)) {
        out.write("  \(stray.intent): “\(stray.example)” → \(stray.answered)\n")
      }
      if !verbose, check.strays.count > 15 { out.write("  … and \(check.strays.count - 15) more (--verbose lists them)\n") }
      out.flush()
      if !check.isComplete {
        Terminal.standardError.write("error: some source sections are covered by no intent\n")
        throw ExitCode(ExitStatus.dataError)
      }
    }
  }

  /// Measures accuracy on a labelled set.
  struct Eval: ParsableCommand {
    static let configuration = CommandConfiguration(
      commandName: "eval",
      abstract: "Measure matching on a labelled JSONL set: accuracy, per-intent F1, confusions, rejection, risk recall.")

    @OptionGroup var options: GlobalOptions

    @Argument(help: ArgumentHelp("A JSONL file of {\"text\": ..., \"accept\": [ids]} lines.", valueName: "file"))
    var file: String

    @OptionGroup var tuning: TuningOptions

    func run() throws {
      let coach = try options.values.loadCoach(settings: try tuning.settings())
      guard let data = FileManager.default.contents(atPath: file) else {
        Terminal.standardError.write("\(file): error: cannot read the file\n")
        throw ExitCode(ExitStatus.noInput)
      }
      let samples: [Evaluation.Sample]
      do {
        samples = try Evaluation.samples(from: String(decoding: data, as: UTF8.self), path: file)
      } catch {
        Terminal.standardError.write("\(error)\n")
        throw ExitCode(ExitStatus.dataError)
      }
      let evaluation = Evaluation(samples: samples, matcher: coach.matcher)
      Terminal.standardOutput.write(options.values.json ? evaluation.json().serialized() + "\n" : evaluation.report())
      Terminal.standardOutput.flush()
    }
  }
}

/// `--set name=value`: try a matcher setting while measuring.
struct TuningOptions: ParsableArguments {
  @Option(name: .customLong("set"), help: ArgumentHelp("Try a matcher setting while measuring, e.g. threshold=0.3 (repeatable).", valueName: "name=value"))
  var assignments: [String] = []

  func settings() throws -> Matcher.Settings {
    var settings = Matcher.Settings()
    for assignment in assignments {
      let parts = assignment.split(separator: "=", maxSplits: 1).map(String.init)
      guard parts.count == 2, let value = Double(parts[1]), settings.set(parts[0], to: value) else {
        throw ValidationError("--set takes name=value with a number, name one of: \(Matcher.Settings.names.joined(separator: ", "))")
      }
    }
    return settings
  }
}
