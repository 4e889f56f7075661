
use builtin;
use str;

set edit:completion:arg-completer[ncstb] = {|@words|
    fn spaces {|n|
        builtin:repeat $n ' ' | str:join ''
    }
    fn cand {|text desc|
        edit:complex-candidate $text &display=$text' '(spaces (- 14 (wcswidth $text)))$desc
    }
    var command = 'ncstb'
    for word $words[1..-1] {
        if (str:has-prefix $word '-') {
            break
        }
        set command = $command';'$word
    }
    var completions = [
        &'ncstb'= {
            cand --data 'Read this dataset file instead of the embedded one (- for standard input); give it again to read several, their agencies merged [env: `NCSTB_DATA`, paths separated as in PATH]'
            cand --agency 'Only this agency of the dataset (by its id)'
            cand --format 'Output format [auto: table at a terminal, plain in a pipe, JSON Lines for search --batch]'
            cand --color 'When to colour tables and help (under auto: `NO_COLOR`, `CLICOLOR_FORCE`, CLICOLOR, TERM)'
            cand --width 'Width in columns; below 40, or where a table''s columns cannot hold their words, records are printed one field per line [default: COLUMNS, the terminal''s width, or 100]'
            cand --jq 'Filter the JSON output with a jq program, in-process, as `jq -r` would (strings raw, other values compact, one a line): list, show, search, contact, validate; with --format json (the default) the whole array, with ndjson (and search --batch) each record alone'
            cand --fields 'Fields to print, in this order (comma-separated); --fields help (or no value) lists them'
            cand --json 'Short for --format json'
            cand --no-pager 'Never page: at a terminal, output longer than the screen otherwise goes through `NCSTB_PAGER`, PAGER or `less -FRX` (an empty variable turns paging off). It may stand anywhere on the command line (before any `--`)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
            cand list 'List every duty'
            cand show 'Show one or more duties in full, with their clauses numbered'
            cand search 'Search the duties for words, forgiving typos, best match first'
            cand browse 'Search as you type, full screen; Enter prints the duty''s reference'
            cand contact 'Print the agency''s address, post code and public supervision hotline'
            cand validate 'Check dataset files against the schema and its rules, listing every problem'
            cand import 'Turn published "main functions" pages into a dataset, printed as JSON'
            cand schema 'Print the JSON Schema (draft 2020-12) of the dataset file, or of an output record'
            cand completions 'Print the completion script for a shell'
            cand man 'Print a man page (roff), or write them all to a folder'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'ncstb;list'= {
            cand --data 'Read this dataset file instead of the embedded one (- for standard input); give it again to read several, their agencies merged [env: `NCSTB_DATA`, paths separated as in PATH]'
            cand --agency 'Only this agency of the dataset (by its id)'
            cand --format 'Output format [auto: table at a terminal, plain in a pipe, JSON Lines for search --batch]'
            cand --fields 'Fields to print, in this order (comma-separated); --fields help (or no value) lists them'
            cand --color 'When to colour tables and help (under auto: `NO_COLOR`, `CLICOLOR_FORCE`, CLICOLOR, TERM)'
            cand --width 'Width in columns; below 40, or where a table''s columns cannot hold their words, records are printed one field per line [default: COLUMNS, the terminal''s width, or 100]'
            cand --jq 'Filter the JSON output with a jq program, in-process, as `jq -r` would (strings raw, other values compact, one a line): list, show, search, contact, validate; with --format json (the default) the whole array, with ndjson (and search --batch) each record alone'
            cand -l 'Show each duty''s full text in the table, not just its start'
            cand --long 'Show each duty''s full text in the table, not just its start'
            cand --json 'Short for --format json'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
        }
        &'ncstb;show'= {
            cand --data 'Read this dataset file instead of the embedded one (- for standard input); give it again to read several, their agencies merged [env: `NCSTB_DATA`, paths separated as in PATH]'
            cand --agency 'Only this agency of the dataset (by its id)'
            cand --format 'Output format [auto: table at a terminal, plain in a pipe, JSON Lines for search --batch]'
            cand --fields 'Fields to print, in this order (comma-separated); --fields help (or no value) lists them'
            cand --color 'When to colour tables and help (under auto: `NO_COLOR`, `CLICOLOR_FORCE`, CLICOLOR, TERM)'
            cand --width 'Width in columns; below 40, or where a table''s columns cannot hold their words, records are printed one field per line [default: COLUMNS, the terminal''s width, or 100]'
            cand --jq 'Filter the JSON output with a jq program, in-process, as `jq -r` would (strings raw, other values compact, one a line): list, show, search, contact, validate; with --format json (the default) the whole array, with ndjson (and search --batch) each record alone'
            cand --json 'Short for --format json'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
        }
        &'ncstb;search'= {
            cand --batch 'Answer many queries, one per line of FILE (or standard input, -, when none is given)'
            cand -n 'Show at most N hits'
            cand --limit 'Show at most N hits'
            cand --data 'Read this dataset file instead of the embedded one (- for standard input); give it again to read several, their agencies merged [env: `NCSTB_DATA`, paths separated as in PATH]'
            cand --agency 'Only this agency of the dataset (by its id)'
            cand --format 'Output format [auto: table at a terminal, plain in a pipe, JSON Lines for search --batch]'
            cand --fields 'Fields to print, in this order (comma-separated); --fields help (or no value) lists them'
            cand --color 'When to colour tables and help (under auto: `NO_COLOR`, `CLICOLOR_FORCE`, CLICOLOR, TERM)'
            cand --width 'Width in columns; below 40, or where a table''s columns cannot hold their words, records are printed one field per line [default: COLUMNS, the terminal''s width, or 100]'
            cand --jq 'Filter the JSON output with a jq program, in-process, as `jq -r` would (strings raw, other values compact, one a line): list, show, search, contact, validate; with --format json (the default) the whole array, with ndjson (and search --batch) each record alone'
            cand --exact 'No typos and no prefixes: words match as written, by plural, abbreviation or concept'
            cand --all-words 'Only duties that contain every word; no partial matches'
            cand --json 'Short for --format json'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
        }
        &'ncstb;browse'= {
            cand --data 'Read this dataset file instead of the embedded one (- for standard input); give it again to read several, their agencies merged [env: `NCSTB_DATA`, paths separated as in PATH]'
            cand --agency 'Only this agency of the dataset (by its id)'
            cand --color 'When to colour the screen (under auto: `NO_COLOR`, `CLICOLOR_FORCE`, TERM); without colour, matches are underlined and the selection is in reverse video'
            cand --exact 'No typos and no prefixes: words match as written, by plural, abbreviation or concept'
            cand --all-words 'Only duties that contain every word; no partial matches'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
        }
        &'ncstb;contact'= {
            cand --data 'Read this dataset file instead of the embedded one (- for standard input); give it again to read several, their agencies merged [env: `NCSTB_DATA`, paths separated as in PATH]'
            cand --agency 'Only this agency of the dataset (by its id)'
            cand --format 'Output format [auto: table at a terminal, plain in a pipe, JSON Lines for search --batch]'
            cand --fields 'Fields to print, in this order (comma-separated); --fields help (or no value) lists them'
            cand --color 'When to colour tables and help (under auto: `NO_COLOR`, `CLICOLOR_FORCE`, CLICOLOR, TERM)'
            cand --width 'Width in columns; below 40, or where a table''s columns cannot hold their words, records are printed one field per line [default: COLUMNS, the terminal''s width, or 100]'
            cand --jq 'Filter the JSON output with a jq program, in-process, as `jq -r` would (strings raw, other values compact, one a line): list, show, search, contact, validate; with --format json (the default) the whole array, with ndjson (and search --batch) each record alone'
            cand --json 'Short for --format json'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
        }
        &'ncstb;validate'= {
            cand --format 'Output format [auto: table at a terminal, plain in a pipe, JSON Lines for search --batch]'
            cand --fields 'Fields to print, in this order (comma-separated); --fields help (or no value) lists them'
            cand --color 'When to colour tables and help (under auto: `NO_COLOR`, `CLICOLOR_FORCE`, CLICOLOR, TERM)'
            cand --width 'Width in columns; below 40, or where a table''s columns cannot hold their words, records are printed one field per line [default: COLUMNS, the terminal''s width, or 100]'
            cand --jq 'Filter the JSON output with a jq program, in-process, as `jq -r` would (strings raw, other values compact, one a line): list, show, search, contact, validate; with --format json (the default) the whole array, with ndjson (and search --batch) each record alone'
            cand --json 'Short for --format json'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
        }
        &'ncstb;import'= {
            cand --id 'The agency''s id, once per page in order [default: made of the agency''s name]'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
        }
        &'ncstb;schema'= {
            cand --output 'The output record whose schema to print, rather than the dataset file''s'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
        }
        &'ncstb;completions'= {
            cand -h 'Print help'
            cand --help 'Print help'
        }
        &'ncstb;man'= {
            cand --dir 'Write every page (ncstb.1, ncstb-list.1, ...) into this folder, and print their paths'
            cand -h 'Print help'
            cand --help 'Print help'
        }
        &'ncstb;help'= {
            cand list 'List every duty'
            cand show 'Show one or more duties in full, with their clauses numbered'
            cand search 'Search the duties for words, forgiving typos, best match first'
            cand browse 'Search as you type, full screen; Enter prints the duty''s reference'
            cand contact 'Print the agency''s address, post code and public supervision hotline'
            cand validate 'Check dataset files against the schema and its rules, listing every problem'
            cand import 'Turn published "main functions" pages into a dataset, printed as JSON'
            cand schema 'Print the JSON Schema (draft 2020-12) of the dataset file, or of an output record'
            cand completions 'Print the completion script for a shell'
            cand man 'Print a man page (roff), or write them all to a folder'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'ncstb;help;list'= {
        }
        &'ncstb;help;show'= {
        }
        &'ncstb;help;search'= {
        }
        &'ncstb;help;browse'= {
        }
        &'ncstb;help;contact'= {
        }
        &'ncstb;help;validate'= {
        }
        &'ncstb;help;import'= {
        }
        &'ncstb;help;schema'= {
        }
        &'ncstb;help;completions'= {
        }
        &'ncstb;help;man'= {
        }
        &'ncstb;help;help'= {
        }
    ]
    $completions[$command]
}
