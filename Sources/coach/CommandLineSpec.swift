import CoachKit

/// The command line, declared once: the parser, `--help`, the usage errors, the man page
/// (`--generate-manual`) and the bash, zsh and fish completions (`--generate-completion-script`)
/// all come from these tables, so none of them can drift from the others.
///
/// It replaces swift-argument-parser, which links FoundationEssentials into the binary: its
/// type metadata alone, relocated at every start, cost a fifth of a millisecond of a `coach ask`
/// that has to answer in about two (issue 6). Reading five subcommands and six options takes
/// no reflection and no Foundation.
enum CommandLineSpec {
  struct Option: Sendable {
    /// The long name, without dashes.
    var name: String
    /// The value's name (`dir`), or nil for a flag.
    var value: String?
    var help: String
    var repeatable = false
    /// The values allowed, if only some are.
    var choices: [String] = []
  }

  struct Argument: Sendable {
    var name: String
    var help: String
    /// Whether it takes several words.
    var many: Bool
  }

  struct Command: Sendable {
    var name: String
    var abstract: String
    var options: [Option]
    var argument: Argument?
  }

  static let knowledge = Option(name: "knowledge", value: "dir", help: "Add or replace intents from a folder of knowledge files (repeatable).", repeatable: true)
  static let json = Option(name: "json", value: nil, help: "Write JSON (JSON Lines for several answers) instead of text.")
  static let color = Option(
    name: "color", value: "when", help: "Colour: auto (only on a terminal, never with NO_COLOR), always or never.", choices: ["auto", "always", "never"])
  static let verbose = Option(name: "verbose", value: nil, help: "List every held-out example that classifies elsewhere.")
  static let set = Option(name: "set", value: "name=value", help: "Try a matcher setting while measuring, e.g. threshold=0.3 (repeatable).", repeatable: true)
  static let global = [knowledge, json, color]

  static let commands: [Command] = [
    Command(name: "chat", abstract: "Consult the coach (the default): a chat on a terminal, one answer per input line otherwise.", options: global),
    Command(
      name: "ask", abstract: "Answer one description or question, then exit.", options: global,
      argument: Argument(name: "text", help: "What the client is doing, or your question (quote it, or give several words).", many: true)),
    Command(name: "intents", abstract: "List the intents: id, title, kind, and (with --json) the example phrases they are built from.", options: global),
    Command(
      name: "check", abstract: "Validate the knowledge, show which intent covers each source section, and test each example held out.",
      options: global + [verbose, set]),
    Command(
      name: "eval", abstract: "Measure matching on a labelled JSONL set: accuracy, per-intent F1, confusions, rejection, risk recall.",
      options: global + [set], argument: Argument(name: "file", help: "A JSONL file of {\"text\": ..., \"accept\": [ids]} lines.", many: false)),
  ]

  static let abstract = "What to do next when a client resists: staged guidance from a consult in your terminal."
  static let discussion = """
    Describe what your client is doing ("court-ordered, just shrugs and says nothing") or \
    ask a question ("what is rolling with resistance?"). With no subcommand, coach opens a \
    chat on a terminal (type /help there), or answers each line of standard input when it \
    is not a terminal.

    Examples:
      coach                                  a chat on a terminal
      coach ask "she just shrugs"            one answer, then exit
      coach --json < notes.txt               one JSON line per input line
      coach ask --knowledge ~/clinic "..."   with your own intents added

    Nothing you type is written anywhere unless you ask (/save, /history on).

    Exit status: 0 success, 64 usage error, 65 bad knowledge data, 66 missing input file \
    or folder, 74 error reading standard input, 130 interrupted.
    """

  static func command(named name: String) -> Command? { commands.first { $0.name == name } }

  // MARK: Reading a command line

  /// What a command line asks for.
  enum Request: Equatable {
    case run(Invocation)
    /// Help, for a subcommand or (nil) for coach.
    case help(String?)
    case version
    case completionScript(Shell)
    case manual
  }

  enum Shell: String, CaseIterable, Equatable { case bash, zsh, fish }

  /// A subcommand and its values.
  struct Invocation: Equatable {
    var command: String
    var options = RunOptions()
    var verbose = false
    var settings: [String] = []
    /// The words of `ask`, or the file of `eval`.
    var arguments: [String] = []
  }

  /// A command line that cannot be read: a message, and the subcommand whose usage to show.
  struct UsageError: Error, Equatable {
    var message: String
    var command: String?
  }

  /// Reads a command line (without the program's name).
  static func parse(_ arguments: [String]) throws(UsageError) -> Request {
    var rest = arguments[...]
    switch rest.first {
    case "--help", "-h":
      return .help(nil)
    case "--version":
      return .version
    case "--generate-manual":
      return .manual
    case "--generate-completion-script":
      guard rest.count == 2, let shell = Shell(rawValue: rest.last!) else {
        throw UsageError(message: "--generate-completion-script takes one of: bash, zsh, fish", command: nil)
      }
      return .completionScript(shell)
    case "help":
      guard let name = rest.dropFirst().first else { return .help(nil) }
      guard command(named: name) != nil else { throw UsageError(message: "Unknown subcommand '\(name)'", command: nil) }
      guard rest.count == 2 else { throw UsageError(message: "Unexpected argument '\(rest[rest.startIndex + 2])'", command: nil) }
      return .help(name)
    default:
      break
    }
    let command: Command
    if let first = rest.first, let named = Self.command(named: first) {
      command = named
      rest = rest.dropFirst()
    } else {
      command = commands[0]
    }
    var invocation = Invocation(command: command.name)
    var optionsEnded = false
    while let argument = rest.popFirst() {
      if optionsEnded || argument == "-" || !argument.hasPrefix("-") {
        invocation.arguments.append(argument)
        continue
      }
      if argument == "--" {
        optionsEnded = true
        continue
      }
      if argument == "--help" || argument == "-h" { return .help(command.name) }
      if argument == "--version" { return .version }
      var name = argument
      var value: String?
      if let equals = argument.firstIndex(of: "="), argument.hasPrefix("--") {
        name = String(argument[..<equals])
        value = String(argument[argument.index(after: equals)...])
      }
      guard name.hasPrefix("--"), let option = command.options.first(where: { "--" + $0.name == name }) else {
        throw UsageError(message: "Unknown option '\(name)'", command: command.name)
      }
      guard let valueName = option.value else {
        if value != nil { throw UsageError(message: "The flag '\(name)' does not take a value", command: command.name) }
        set(option, true, nil, in: &invocation)
        continue
      }
      if value == nil {
        guard let next = rest.first, !next.hasPrefix("-") || next == "-" else {
          throw UsageError(message: "Missing value for '\(name) <\(valueName)>'", command: command.name)
        }
        value = next
        rest = rest.dropFirst()
      }
      if !option.choices.isEmpty, !option.choices.contains(value!) {
        throw UsageError(
          message: "The value '\(value!)' is invalid for '\(name) <\(valueName)>'. Please provide one of \(option.choices.map { "'\($0)'" }.joined(separator: ", ")).",
          command: command.name)
      }
      set(option, false, value, in: &invocation)
    }
    switch command.argument {
    case nil:
      if let extra = invocation.arguments.first { throw UsageError(message: "Unexpected argument '\(extra)'", command: command.name) }
    case let argument? where argument.many:
      guard !invocation.arguments.isEmpty else { throw UsageError(message: "Missing expected argument '<\(argument.name)> ...'", command: command.name) }
      // (A byte other than a space or a tab settles it without Unicode's tables.)
      let said = invocation.arguments.contains { word in
        word.utf8.contains { $0 != 0x20 && $0 != 0x09 && $0 < 0x80 } || !word.trimmingSpaces().isEmpty
      }
      if command.name == "ask", !said {
        throw UsageError(message: "Say what the client is doing, e.g. coach ask \"she just shrugs\".", command: command.name)
      }
    case let argument?:
      guard invocation.arguments.count == 1 else {
        throw UsageError(
          message: invocation.arguments.isEmpty ? "Missing expected argument '<\(argument.name)>'" : "Unexpected argument '\(invocation.arguments[1])'",
          command: command.name)
      }
    }
    return .run(invocation)
  }

  private static func set(_ option: Option, _ flag: Bool, _ value: String?, in invocation: inout Invocation) {
    switch option.name {
    case "knowledge": invocation.options.knowledge.append(value ?? "")
    case "json": invocation.options.json = flag
    case "color": invocation.options.color = ColorChoice(rawValue: value ?? "") ?? .auto
    case "verbose": invocation.verbose = flag
    case "set": invocation.settings.append(value ?? "")
    default: break
    }
  }

  // MARK: Help

  /// `coach <subcommand> [options] <argument>`.
  static func usage(_ command: Command?) -> String {
    guard let command else { return "coach <subcommand>" }
    var parts = ["coach", command.name]
    for option in command.options {
      var text = "--" + option.name
      if let value = option.value { text += " <\(value)>" + (option.repeatable ? " ..." : "") }
      parts.append("[\(text)]")
    }
    if let argument = command.argument { parts.append("<\(argument.name)>" + (argument.many ? " ..." : "")) }
    return parts.joined(separator: " ")
  }

  /// The message for a command line that cannot be read (exit status 64).
  static func errorText(_ error: UsageError) -> String {
    let command = error.command.flatMap(command(named:))
    let see = command.map { "coach \($0.name) --help" } ?? "coach --help"
    return "Error: \(error.message)\nUsage: \(usage(command))\n  See '\(see)' for more information.\n"
  }

  /// `--help`: for coach, or for a subcommand.
  static func help(_ name: String?, width: Int = 80) -> String {
    var out = ""
    func wrapped(_ text: String, indent: Int, first: Int) -> String {
      TextRenderer(width: width, color: false).wrap(text, indent: indent, firstIndent: first)
    }
    func entry(_ label: String, _ text: String) {
      let label = "  " + label
      if label.count < 24 {
        out += label + String(repeating: " ", count: 26 - label.count) + wrapped(text, indent: 26, first: 0).drop { $0 == " " } + "\n"
      } else {
        out += label + "\n" + wrapped(text, indent: 26, first: 26) + "\n"
      }
    }
    let builtIn = [("--version", "Show the version."), ("-h, --help", "Show help information.")]
    guard let command = name.flatMap(command(named:)) else {
      out += wrapped("OVERVIEW: " + abstract, indent: 0, first: 0) + "\n\n"
      for paragraph in discussion.split(separator: "\n", omittingEmptySubsequences: false) {
        out += (paragraph.hasPrefix(" ") ? String(paragraph) : wrapped(String(paragraph), indent: 0, first: 0)) + "\n"
      }
      out += "\nUSAGE: \(usage(nil))\n\nOPTIONS:\n"
      for (label, text) in builtIn { entry(label, text) }
      out += "\nSUBCOMMANDS:\n"
      for (index, command) in commands.enumerated() { entry(command.name + (index == 0 ? " (default)" : ""), command.abstract) }
      out += "\n  See 'coach help <subcommand>' for detailed help.\n"
      return out
    }
    out += wrapped("OVERVIEW: " + command.abstract, indent: 0, first: 0) + "\n\nUSAGE: \(usage(command))\n\n"
    if let argument = command.argument {
      out += "ARGUMENTS:\n"
      entry("<\(argument.name)>", argument.help)
      out += "\n"
    }
    out += "OPTIONS:\n"
    for option in command.options {
      var help = option.help
      if !option.choices.isEmpty { help += " (values: \(option.choices.joined(separator: ", ")); default: \(option.choices[0]))" }
      entry("--" + option.name + (option.value.map { " <\($0)>" } ?? ""), help)
    }
    for (label, text) in builtIn { entry(label, text) }
    return out + "\n"
  }

  // MARK: Man page and completions

  /// The man page (mdoc), as `docs/coach.1` holds it.
  static func manual(date: String) -> String {
    func escaped(_ text: String) -> String { text.hasPrefix(".") ? "\\&" + text : text }
    var out = ".\\\" \"Generated by coach --generate-manual\"\n.Dd \(date)\n.Dt COACH 1\n.Os\n.Sh NAME\n.Nm coach\n.Nd \"\(abstract)\"\n"
    out += ".Sh SYNOPSIS\n.Nm\n.Ar subcommand\n.Op Fl -version\n.Op Fl -help\n.Sh DESCRIPTION\n\(escaped(discussion))\n"
    out += ".Bl -tag -width 6n\n.It Fl -version\nShow the version.\n.It Fl h , -help\nShow help information.\n"
    for command in commands {
      out += ".It Em \(command.name)\n\(escaped(command.abstract))\n.Bl -tag -width 6n\n"
      for option in command.options {
        out += ".It Fl -\(option.name)" + (option.value.map { " Ar \($0)" + (option.repeatable ? "..." : "") } ?? "") + "\n\(escaped(option.help))\n"
      }
      if let argument = command.argument { out += ".It Ar \(argument.name)\(argument.many ? "..." : "")\n\(escaped(argument.help))\n" }
      out += ".It Fl -version\nShow the version.\n.It Fl h , -help\nShow help information.\n.El\n"
    }
    out += ".It Em help\nShow help for a subcommand.\n.El\n"
    out += ".Sh EXIT STATUS\n0 success, 64 usage error, 65 bad knowledge data, 66 missing input file or folder, 74 error reading standard input, 130 interrupted.\n"
    out += ".Sh AUTHORS\nThe\n.Nm\nreference was written by\n.An -nosplit\n.An \"the coach contributors\" .\n"
    return out
  }

  /// A shell's completion script.
  static func completionScript(_ shell: Shell) -> String {
    let names = commands.map(\.name)
    func quoted(_ text: String) -> String { "'" + text.replacingEvery("'", with: "'\\''") + "'" }
    switch shell {
    case .bash:
      var out = "# bash completion for coach (coach --generate-completion-script bash)\n_coach() {\n"
      out += "  local cur=\"${COMP_WORDS[COMP_CWORD]}\" prev=\"${COMP_WORDS[COMP_CWORD-1]}\" sub=\"\" i\n"
      out += "  for ((i = 1; i < COMP_CWORD; i++)); do\n    case \"${COMP_WORDS[i]}\" in \(names.joined(separator: "|"))|help) sub=\"${COMP_WORDS[i]}\"; break ;; esac\n  done\n"
      out += "  case \"$prev\" in\n    --knowledge) COMPREPLY=($(compgen -d -- \"$cur\")); return ;;\n"
      out += "    --color) COMPREPLY=($(compgen -W \(quoted(color.choices.joined(separator: " "))) -- \"$cur\")); return ;;\n"
      out += "    --set) COMPREPLY=($(compgen -W \(quoted(Matcher.Settings.names.map { $0 + "=" }.joined(separator: " "))) -- \"$cur\")); compopt -o nospace 2>/dev/null; return ;;\n"
      out += "  esac\n  local words\n  case \"$sub\" in\n"
      for command in commands {
        let options = command.options.map { "--" + $0.name } + ["--version", "-h", "--help"]
        out += "    \(command.name)) words=\(quoted(options.joined(separator: " "))) ;;\n"
      }
      out += "    help) words=\(quoted(names.joined(separator: " "))) ;;\n"
      out += "    *) words=\(quoted((names + ["help"] + global.map { "--" + $0.name } + ["--version", "-h", "--help"]).joined(separator: " "))) ;;\n"
      out += "  esac\n  case \"$sub\" in eval) COMPREPLY=($(compgen -f -W \"$words\" -- \"$cur\")) ;; *) COMPREPLY=($(compgen -W \"$words\" -- \"$cur\")) ;; esac\n}\n"
      return out + "complete -F _coach coach\n"
    case .zsh:
      func spec(_ option: Option) -> String {
        let help = option.help.replacingEvery("[", with: "\\[").replacingEvery("]", with: "\\]")
        var text = (option.repeatable ? "*" : "") + "--\(option.name)[\(help)]"
        switch option.name {
        case "knowledge": text += ":dir:_directories"
        case "color": text += ":when:(\(option.choices.joined(separator: " ")))"
        default: if let value = option.value { text += ":\(value):" }
        }
        return quoted(text)
      }
      var out = "#compdef coach\n# zsh completion for coach (coach --generate-completion-script zsh)\n_coach() {\n  local -a subcommands\n  subcommands=(\n"
      for command in commands { out += "    \(quoted(command.name + ":" + command.abstract))\n" }
      out += "    'help:Show help for a subcommand.'\n  )\n  if (( CURRENT == 2 )); then\n    _describe 'subcommand' subcommands\n"
      out += "    _arguments '--version[Show the version.]' '(-h --help)'{-h,--help}'[Show help information.]' \(global.map(spec).joined(separator: " "))\n    return\n  fi\n"
      out += "  local command=$words[2]\n  shift words\n  (( CURRENT-- ))\n  case $command in\n"
      for command in commands {
        var specs = command.options.map(spec) + ["'(-h --help)'{-h,--help}'[Show help information.]'"]
        if let argument = command.argument { specs.append(quoted((argument.many ? "*" : "") + ":\(argument.name):" + (argument.name == "file" ? "_files" : " "))) }
        out += "    \(command.name)) _arguments \(specs.joined(separator: " ")) ;;\n"
      }
      out += "    help) _describe 'subcommand' subcommands ;;\n  esac\n}\n_coach \"$@\"\n"
      return out
    case .fish:
      var out = "# fish completion for coach (coach --generate-completion-script fish)\ncomplete -c coach -f\n"
      let all = (names + ["help"]).joined(separator: " ")
      for command in commands {
        out += "complete -c coach -n \"not __fish_seen_subcommand_from \(all)\" -a \(command.name) -d \(quoted(command.abstract))\n"
      }
      out += "complete -c coach -n \"not __fish_seen_subcommand_from \(all)\" -a help -d 'Show help for a subcommand.'\n"
      out += "complete -c coach -n \"not __fish_seen_subcommand_from \(all)\" -l version -d 'Show the version.'\n"
      out += "complete -c coach -s h -l help -d 'Show help information.'\n"
      out += "complete -c coach -n \"__fish_seen_subcommand_from help\" -a \(quoted(names.joined(separator: " ")))\n"
      for command in commands {
        for option in command.options {
          var line = "complete -c coach -n \"__fish_seen_subcommand_from \(command.name)\" -l \(option.name) -d \(quoted(option.help))"
          if option.name == "knowledge" { line += " -r -a '(__fish_complete_directories)'" } else if !option.choices.isEmpty {
            line += " -r -a \(quoted(option.choices.joined(separator: " ")))"
          } else if option.value != nil {
            line += " -r"
          }
          out += line + "\n"
        }
        if command.argument?.name == "file" { out += "complete -c coach -n \"__fish_seen_subcommand_from \(command.name)\" -F\n" }
      }
      return out
    }
  }
}

extension String {
  /// The text with every occurrence of an ASCII byte replaced (what Foundation's
  /// `replacingOccurrences(of:with:)` did for the few characters completions escape). Byte by
  /// byte: the standard library's `firstRange(of:)` would link in the whole of its regular
  /// expression engine, whose type metadata every start would pay for.
  func replacingEvery(_ target: Character, with replacement: String) -> String {
    guard let byte = target.asciiValue else { return self }
    var out: [UInt8] = []
    for unit in utf8 {
      if unit == byte { out += replacement.utf8 } else { out.append(unit) }
    }
    return String(decoding: out, as: UTF8.self)
  }
}
