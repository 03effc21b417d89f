import CoachKit

/// A debug build (the tests') holds examples out without the gram model: trained ten times
/// unoptimised, it takes minutes.
#if DEBUG
  private let isDebugBuild = true
#else
  private let isDebugBuild = false
#endif

extension CoachCommand {
  /// Validates knowledge and reports coverage.
  enum Check {
    static func run(_ options: RunOptions, verbose: Bool, settings: Matcher.Settings) throws {
      let coach = try options.loadCoach(settings: settings)
      let check = KnowledgeCheck(table: coach.table, settings: settings, quick: isDebugBuild)
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
      out.write(String(printf: "the unknown threshold that keeps 95%% of held-out examples: %.2f (the matcher uses %.2f)\n", check.suggestedThreshold, settings.threshold))
      for stray in verbose ? check.strays : Array(check.strays.prefix(15)) {
        out.write("  \(stray.intent): “\(stray.example)” → \(stray.answered)\n")
      }
      if !verbose, check.strays.count > 15 { out.write("  … and \(check.strays.count - 15) more (--verbose lists them)\n") }
      out.flush()
      if !check.isComplete {
        Terminal.standardError.write("error: some source sections are covered by no intent\n")
        throw ExitStatus.Failure(status: ExitStatus.dataError)
      }
    }
  }

  /// Measures accuracy on a labelled set.
  enum Eval {
    static func run(_ file: String, _ options: RunOptions, settings: Matcher.Settings) throws {
      let coach = try options.loadCoach(settings: settings)
      guard let text = FileSystem.contents(of: file).map({ String(decoding: $0, as: UTF8.self) }) else {
        Terminal.standardError.write("\(file): error: cannot read the file\n")
        throw ExitStatus.Failure(status: ExitStatus.noInput)
      }
      let samples: [Evaluation.Sample]
      do {
        samples = try Evaluation.samples(from: text, path: file)
      } catch {
        Terminal.standardError.write("\(error)\n")
        throw ExitStatus.Failure(status: ExitStatus.dataError)
      }
      let evaluation = Evaluation(samples: samples, matcher: coach.matcher)
      Terminal.standardOutput.write(options.json ? evaluation.json().serialized() + "\n" : evaluation.report())
      Terminal.standardOutput.flush()
    }
  }
}
