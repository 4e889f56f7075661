
using namespace System.Management.Automation
using namespace System.Management.Automation.Language

Register-ArgumentCompleter -Native -CommandName 'ncstb' -ScriptBlock {
    param($wordToComplete, $commandAst, $cursorPosition)

    $commandElements = $commandAst.CommandElements
    $command = @(
        'ncstb'
        for ($i = 1; $i -lt $commandElements.Count; $i++) {
            $element = $commandElements[$i]
            if ($element -isnot [StringConstantExpressionAst] -or
                $element.StringConstantType -ne [StringConstantType]::BareWord -or
                $element.Value.StartsWith('-') -or
                $element.Value -eq $wordToComplete) {
                break
        }
        $element.Value
    }) -join ';'

    $completions = @(switch ($command) {
        'ncstb' {
            [CompletionResult]::new('--data', '--data', [CompletionResultType]::ParameterName, 'Read this dataset file instead of the embedded one (- for standard input); give it again to read several, their agencies merged [env: `NCSTB_DATA`, paths separated as in PATH]')
            [CompletionResult]::new('--agency', '--agency', [CompletionResultType]::ParameterName, 'Only this agency of the dataset (by its id)')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Output format [auto: table at a terminal, plain in a pipe, JSON Lines for search --batch]')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to colour tables and help (under auto: `NO_COLOR`, `CLICOLOR_FORCE`, CLICOLOR, TERM)')
            [CompletionResult]::new('--width', '--width', [CompletionResultType]::ParameterName, 'Width in columns; below 40, or where a table''s columns cannot hold their words, records are printed one field per line [default: COLUMNS, the terminal''s width, or 100]')
            [CompletionResult]::new('--jq', '--jq', [CompletionResultType]::ParameterName, 'Filter the JSON output with a jq program, in-process, as `jq -r` would (strings raw, other values compact, one a line): list, show, search, contact, validate; with --format json (the default) the whole array, with ndjson (and search --batch) each record alone')
            [CompletionResult]::new('--fields', '--fields', [CompletionResultType]::ParameterName, 'Fields to print, in this order (comma-separated); --fields help (or no value) lists them')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Short for --format json')
            [CompletionResult]::new('--no-pager', '--no-pager', [CompletionResultType]::ParameterName, 'Never page: at a terminal, output longer than the screen otherwise goes through `NCSTB_PAGER`, PAGER or `less -FRX` (an empty variable turns paging off). It may stand anywhere on the command line (before any `--`)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'List every duty')
            [CompletionResult]::new('show', 'show', [CompletionResultType]::ParameterValue, 'Show one or more duties in full, with their clauses numbered')
            [CompletionResult]::new('search', 'search', [CompletionResultType]::ParameterValue, 'Search the duties for words, forgiving typos, best match first')
            [CompletionResult]::new('browse', 'browse', [CompletionResultType]::ParameterValue, 'Search as you type, full screen; Enter prints the duty''s reference')
            [CompletionResult]::new('contact', 'contact', [CompletionResultType]::ParameterValue, 'Print the agency''s address, post code and public supervision hotline')
            [CompletionResult]::new('validate', 'validate', [CompletionResultType]::ParameterValue, 'Check dataset files against the schema and its rules, listing every problem')
            [CompletionResult]::new('import', 'import', [CompletionResultType]::ParameterValue, 'Turn published "main functions" pages into a dataset, printed as JSON')
            [CompletionResult]::new('schema', 'schema', [CompletionResultType]::ParameterValue, 'Print the JSON Schema (draft 2020-12) of the dataset file, or of an output record')
            [CompletionResult]::new('completions', 'completions', [CompletionResultType]::ParameterValue, 'Print the completion script for a shell')
            [CompletionResult]::new('man', 'man', [CompletionResultType]::ParameterValue, 'Print a man page (roff), or write them all to a folder')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'ncstb;list' {
            [CompletionResult]::new('--data', '--data', [CompletionResultType]::ParameterName, 'Read this dataset file instead of the embedded one (- for standard input); give it again to read several, their agencies merged [env: `NCSTB_DATA`, paths separated as in PATH]')
            [CompletionResult]::new('--agency', '--agency', [CompletionResultType]::ParameterName, 'Only this agency of the dataset (by its id)')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Output format [auto: table at a terminal, plain in a pipe, JSON Lines for search --batch]')
            [CompletionResult]::new('--fields', '--fields', [CompletionResultType]::ParameterName, 'Fields to print, in this order (comma-separated); --fields help (or no value) lists them')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to colour tables and help (under auto: `NO_COLOR`, `CLICOLOR_FORCE`, CLICOLOR, TERM)')
            [CompletionResult]::new('--width', '--width', [CompletionResultType]::ParameterName, 'Width in columns; below 40, or where a table''s columns cannot hold their words, records are printed one field per line [default: COLUMNS, the terminal''s width, or 100]')
            [CompletionResult]::new('--jq', '--jq', [CompletionResultType]::ParameterName, 'Filter the JSON output with a jq program, in-process, as `jq -r` would (strings raw, other values compact, one a line): list, show, search, contact, validate; with --format json (the default) the whole array, with ndjson (and search --batch) each record alone')
            [CompletionResult]::new('-l', '-l', [CompletionResultType]::ParameterName, 'Show each duty''s full text in the table, not just its start')
            [CompletionResult]::new('--long', '--long', [CompletionResultType]::ParameterName, 'Show each duty''s full text in the table, not just its start')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Short for --format json')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'ncstb;show' {
            [CompletionResult]::new('--data', '--data', [CompletionResultType]::ParameterName, 'Read this dataset file instead of the embedded one (- for standard input); give it again to read several, their agencies merged [env: `NCSTB_DATA`, paths separated as in PATH]')
            [CompletionResult]::new('--agency', '--agency', [CompletionResultType]::ParameterName, 'Only this agency of the dataset (by its id)')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Output format [auto: table at a terminal, plain in a pipe, JSON Lines for search --batch]')
            [CompletionResult]::new('--fields', '--fields', [CompletionResultType]::ParameterName, 'Fields to print, in this order (comma-separated); --fields help (or no value) lists them')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to colour tables and help (under auto: `NO_COLOR`, `CLICOLOR_FORCE`, CLICOLOR, TERM)')
            [CompletionResult]::new('--width', '--width', [CompletionResultType]::ParameterName, 'Width in columns; below 40, or where a table''s columns cannot hold their words, records are printed one field per line [default: COLUMNS, the terminal''s width, or 100]')
            [CompletionResult]::new('--jq', '--jq', [CompletionResultType]::ParameterName, 'Filter the JSON output with a jq program, in-process, as `jq -r` would (strings raw, other values compact, one a line): list, show, search, contact, validate; with --format json (the default) the whole array, with ndjson (and search --batch) each record alone')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Short for --format json')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'ncstb;search' {
            [CompletionResult]::new('--batch', '--batch', [CompletionResultType]::ParameterName, 'Answer many queries, one per line of FILE (or standard input, -, when none is given)')
            [CompletionResult]::new('-n', '-n', [CompletionResultType]::ParameterName, 'Show at most N hits')
            [CompletionResult]::new('--limit', '--limit', [CompletionResultType]::ParameterName, 'Show at most N hits')
            [CompletionResult]::new('--data', '--data', [CompletionResultType]::ParameterName, 'Read this dataset file instead of the embedded one (- for standard input); give it again to read several, their agencies merged [env: `NCSTB_DATA`, paths separated as in PATH]')
            [CompletionResult]::new('--agency', '--agency', [CompletionResultType]::ParameterName, 'Only this agency of the dataset (by its id)')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Output format [auto: table at a terminal, plain in a pipe, JSON Lines for search --batch]')
            [CompletionResult]::new('--fields', '--fields', [CompletionResultType]::ParameterName, 'Fields to print, in this order (comma-separated); --fields help (or no value) lists them')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to colour tables and help (under auto: `NO_COLOR`, `CLICOLOR_FORCE`, CLICOLOR, TERM)')
            [CompletionResult]::new('--width', '--width', [CompletionResultType]::ParameterName, 'Width in columns; below 40, or where a table''s columns cannot hold their words, records are printed one field per line [default: COLUMNS, the terminal''s width, or 100]')
            [CompletionResult]::new('--jq', '--jq', [CompletionResultType]::ParameterName, 'Filter the JSON output with a jq program, in-process, as `jq -r` would (strings raw, other values compact, one a line): list, show, search, contact, validate; with --format json (the default) the whole array, with ndjson (and search --batch) each record alone')
            [CompletionResult]::new('--exact', '--exact', [CompletionResultType]::ParameterName, 'No typos and no prefixes: words match as written, by plural, abbreviation or concept')
            [CompletionResult]::new('--all-words', '--all-words', [CompletionResultType]::ParameterName, 'Only duties that contain every word; no partial matches')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Short for --format json')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'ncstb;browse' {
            [CompletionResult]::new('--data', '--data', [CompletionResultType]::ParameterName, 'Read this dataset file instead of the embedded one (- for standard input); give it again to read several, their agencies merged [env: `NCSTB_DATA`, paths separated as in PATH]')
            [CompletionResult]::new('--agency', '--agency', [CompletionResultType]::ParameterName, 'Only this agency of the dataset (by its id)')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to colour the screen (under auto: `NO_COLOR`, `CLICOLOR_FORCE`, TERM); without colour, matches are underlined and the selection is in reverse video')
            [CompletionResult]::new('--exact', '--exact', [CompletionResultType]::ParameterName, 'No typos and no prefixes: words match as written, by plural, abbreviation or concept')
            [CompletionResult]::new('--all-words', '--all-words', [CompletionResultType]::ParameterName, 'Only duties that contain every word; no partial matches')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'ncstb;contact' {
            [CompletionResult]::new('--data', '--data', [CompletionResultType]::ParameterName, 'Read this dataset file instead of the embedded one (- for standard input); give it again to read several, their agencies merged [env: `NCSTB_DATA`, paths separated as in PATH]')
            [CompletionResult]::new('--agency', '--agency', [CompletionResultType]::ParameterName, 'Only this agency of the dataset (by its id)')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Output format [auto: table at a terminal, plain in a pipe, JSON Lines for search --batch]')
            [CompletionResult]::new('--fields', '--fields', [CompletionResultType]::ParameterName, 'Fields to print, in this order (comma-separated); --fields help (or no value) lists them')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to colour tables and help (under auto: `NO_COLOR`, `CLICOLOR_FORCE`, CLICOLOR, TERM)')
            [CompletionResult]::new('--width', '--width', [CompletionResultType]::ParameterName, 'Width in columns; below 40, or where a table''s columns cannot hold their words, records are printed one field per line [default: COLUMNS, the terminal''s width, or 100]')
            [CompletionResult]::new('--jq', '--jq', [CompletionResultType]::ParameterName, 'Filter the JSON output with a jq program, in-process, as `jq -r` would (strings raw, other values compact, one a line): list, show, search, contact, validate; with --format json (the default) the whole array, with ndjson (and search --batch) each record alone')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Short for --format json')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'ncstb;validate' {
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Output format [auto: table at a terminal, plain in a pipe, JSON Lines for search --batch]')
            [CompletionResult]::new('--fields', '--fields', [CompletionResultType]::ParameterName, 'Fields to print, in this order (comma-separated); --fields help (or no value) lists them')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to colour tables and help (under auto: `NO_COLOR`, `CLICOLOR_FORCE`, CLICOLOR, TERM)')
            [CompletionResult]::new('--width', '--width', [CompletionResultType]::ParameterName, 'Width in columns; below 40, or where a table''s columns cannot hold their words, records are printed one field per line [default: COLUMNS, the terminal''s width, or 100]')
            [CompletionResult]::new('--jq', '--jq', [CompletionResultType]::ParameterName, 'Filter the JSON output with a jq program, in-process, as `jq -r` would (strings raw, other values compact, one a line): list, show, search, contact, validate; with --format json (the default) the whole array, with ndjson (and search --batch) each record alone')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Short for --format json')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'ncstb;import' {
            [CompletionResult]::new('--id', '--id', [CompletionResultType]::ParameterName, 'The agency''s id, once per page in order [default: made of the agency''s name]')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'ncstb;schema' {
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'The output record whose schema to print, rather than the dataset file''s')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'ncstb;completions' {
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'ncstb;man' {
            [CompletionResult]::new('--dir', '--dir', [CompletionResultType]::ParameterName, 'Write every page (ncstb.1, ncstb-list.1, ...) into this folder, and print their paths')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'ncstb;help' {
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'List every duty')
            [CompletionResult]::new('show', 'show', [CompletionResultType]::ParameterValue, 'Show one or more duties in full, with their clauses numbered')
            [CompletionResult]::new('search', 'search', [CompletionResultType]::ParameterValue, 'Search the duties for words, forgiving typos, best match first')
            [CompletionResult]::new('browse', 'browse', [CompletionResultType]::ParameterValue, 'Search as you type, full screen; Enter prints the duty''s reference')
            [CompletionResult]::new('contact', 'contact', [CompletionResultType]::ParameterValue, 'Print the agency''s address, post code and public supervision hotline')
            [CompletionResult]::new('validate', 'validate', [CompletionResultType]::ParameterValue, 'Check dataset files against the schema and its rules, listing every problem')
            [CompletionResult]::new('import', 'import', [CompletionResultType]::ParameterValue, 'Turn published "main functions" pages into a dataset, printed as JSON')
            [CompletionResult]::new('schema', 'schema', [CompletionResultType]::ParameterValue, 'Print the JSON Schema (draft 2020-12) of the dataset file, or of an output record')
            [CompletionResult]::new('completions', 'completions', [CompletionResultType]::ParameterValue, 'Print the completion script for a shell')
            [CompletionResult]::new('man', 'man', [CompletionResultType]::ParameterValue, 'Print a man page (roff), or write them all to a folder')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'ncstb;help;list' {
            break
        }
        'ncstb;help;show' {
            break
        }
        'ncstb;help;search' {
            break
        }
        'ncstb;help;browse' {
            break
        }
        'ncstb;help;contact' {
            break
        }
        'ncstb;help;validate' {
            break
        }
        'ncstb;help;import' {
            break
        }
        'ncstb;help;schema' {
            break
        }
        'ncstb;help;completions' {
            break
        }
        'ncstb;help;man' {
            break
        }
        'ncstb;help;help' {
            break
        }
    })

    $completions.Where{ $_.CompletionText -like "$wordToComplete*" } |
        Sort-Object -Property ListItemText
}
