/// The command lines people type most, read without swift-argument-parser.
///
/// swift-argument-parser builds its picture of every command by reflection before it reads an
/// argument, about a millisecond of a `coach ask` that otherwise takes two. The common forms,
/// `coach ask WORDS...` and `coach [chat]` with `--json`, `--color WHEN` and `--knowledge DIR`
/// (also `--name=value`, and `--` before words that start with a dash), are read here;
/// anything else (help, `--version`, the other subcommands, a mistake, anything unusual) is
/// left to swift-argument-parser, which stays the one definition of the interface: the help,
/// the man page and the completions come from it, and a test checks that every command line
/// read here reads the same there.
struct QuickCommandLine: Equatable {
  enum Command: Equatable {
    /// The consult (the default subcommand).
    case chat
    /// One answer: the words given.
    case ask([String])
  }

  var command: Command
  var options = RunOptions()

  /// The command line (without the program's name), or nil to leave it to swift-argument-parser.
  init?(_ arguments: [String]) {
    var rest = arguments[...]
    switch rest.first {
    case "ask":
      command = .ask([])
      rest = rest.dropFirst()
    case "chat":
      command = .chat
      rest = rest.dropFirst()
    case nil:
      command = .chat
    case let first?:
      // Options of the default subcommand; a word there is a subcommand name or a mistake.
      guard first.hasPrefix("--") else { return nil }
      command = .chat
    }
    var words: [String] = []
    var givenJSON = false
    var givenColor = false
    var optionsEnded = false
    while let argument = rest.popFirst() {
      if optionsEnded || !argument.hasPrefix("-") {
        // The words of a question; "help" alone might be asking for help, so leave it.
        guard case .ask = command, argument != "help" else { return nil }
        words.append(argument)
        continue
      }
      if argument == "--" {
        optionsEnded = true
        continue
      }
      var name = argument
      var value: String?
      if let equals = argument.firstIndex(of: "=") {
        name = String(argument[..<equals])
        value = String(argument[argument.index(after: equals)...])
      }
      switch name {
      case "--json":
        guard value == nil, !givenJSON else { return nil }
        options.json = true
        givenJSON = true
      case "--color", "--knowledge":
        if value == nil {
          guard let next = rest.popFirst(), !next.hasPrefix("-") else { return nil }
          value = next
        }
        guard let value, !value.isEmpty else { return nil }
        if name == "--knowledge" {
          options.knowledge.append(value)
        } else {
          guard !givenColor, let color = ColorChoice(rawValue: value) else { return nil }
          options.color = color
          givenColor = true
        }
      default:
        return nil
      }
    }
    if case .ask = command {
      // No words, or only spaces: swift-argument-parser says what is missing.
      // (A byte other than a space or a tab settles it without Unicode's tables.)
      let said = words.contains { word in word.utf8.contains { $0 != 0x20 && $0 != 0x09 && $0 < 0x80 } || !word.trimmingSpaces().isEmpty }
      guard said else { return nil }
      command = .ask(words)
    }
  }

  /// Runs the command.
  func run() throws {
    switch command {
    case .chat: try CoachCommand.Chat.run(options)
    case .ask(let words): try CoachCommand.Ask.run(words, options)
    }
  }
}
