# Print an optspec for argparse to handle cmd's options that are independent of any subcommand.
function __fish_ncstb_global_optspecs
    string join \n data= agency= format= json color= width= jq= no-pager fields= h/help V/version
end

function __fish_ncstb_needs_command
    # Figure out if the current invocation already has a command.
    set -l cmd (commandline -opc)
    set -e cmd[1]
    argparse -s (__fish_ncstb_global_optspecs) -- $cmd 2>/dev/null
    or return
    if set -q argv[1]
        # Also print the command, so this can be used to figure out what it is.
        echo $argv[1]
        return 1
    end
    return 0
end

function __fish_ncstb_using_subcommand
    set -l cmd (__fish_ncstb_needs_command)
    test -z "$cmd"
    and return 1
    contains -- $cmd[1] $argv
end

complete -c ncstb -n "__fish_ncstb_needs_command" -l data -d 'Read this dataset file instead of the embedded one (- for standard input); give it again to read several, their agencies merged [env: `NCSTB_DATA`, paths separated as in PATH]' -r -F
complete -c ncstb -n "__fish_ncstb_needs_command" -l agency -d 'Only this agency of the dataset (by its id)' -r
complete -c ncstb -n "__fish_ncstb_needs_command" -l format -d 'Output format [auto: table at a terminal, plain in a pipe, JSON Lines for search --batch]' -r -f -a "auto\t'Table at a terminal, plain in a pipe (JSON Lines for search --batch)'
table\t'A table fitted to the terminal'
plain\t'Tab-separated lines, no header'
json\t'A JSON array of records'
ndjson\t'One JSON record per line (JSON Lines; `jsonl` also names it)'
csv\t'Comma-separated values with a header row'
tsv\t'Tab-separated values with a header row'
vcard\t'A vCard 4.0 (contact only)'
markdown\t'GitHub-flavoured Markdown (`md` also names it): tables, or headings and numbered clauses for show'
html\t'One standalone HTML page, for a browser or to print'
cite\t'A citation per duty, for footnotes (list, show, search)'"
complete -c ncstb -n "__fish_ncstb_needs_command" -l color -d 'When to colour tables and help (under auto: `NO_COLOR`, `CLICOLOR_FORCE`, CLICOLOR, TERM)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c ncstb -n "__fish_ncstb_needs_command" -l width -d 'Width in columns; below 40, or where a table\'s columns cannot hold their words, records are printed one field per line [default: COLUMNS, the terminal\'s width, or 100]' -r
complete -c ncstb -n "__fish_ncstb_needs_command" -l jq -d 'Filter the JSON output with a jq program, in-process, as `jq -r` would (strings raw, other values compact, one a line): list, show, search, contact, validate; with --format json (the default) the whole array, with ndjson (and search --batch) each record alone' -r
complete -c ncstb -n "__fish_ncstb_needs_command" -l fields -d 'Fields to print, in this order (comma-separated); --fields help (or no value) lists them' -r
complete -c ncstb -n "__fish_ncstb_needs_command" -l json -d 'Short for --format json'
complete -c ncstb -n "__fish_ncstb_needs_command" -l no-pager -d 'Never page: at a terminal, output longer than the screen otherwise goes through `NCSTB_PAGER`, PAGER or `less -FRX` (an empty variable turns paging off). It may stand anywhere on the command line (before any `--`)'
complete -c ncstb -n "__fish_ncstb_needs_command" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c ncstb -n "__fish_ncstb_needs_command" -s V -l version -d 'Print version'
complete -c ncstb -n "__fish_ncstb_needs_command" -f -a "list" -d 'List every duty'
complete -c ncstb -n "__fish_ncstb_needs_command" -f -a "show" -d 'Show one or more duties in full, with their clauses numbered'
complete -c ncstb -n "__fish_ncstb_needs_command" -f -a "search" -d 'Search the duties for words, forgiving typos, best match first'
complete -c ncstb -n "__fish_ncstb_needs_command" -f -a "browse" -d 'Search as you type, full screen; Enter prints the duty\'s reference'
complete -c ncstb -n "__fish_ncstb_needs_command" -f -a "contact" -d 'Print the agency\'s address, post code and public supervision hotline'
complete -c ncstb -n "__fish_ncstb_needs_command" -f -a "validate" -d 'Check dataset files against the schema and its rules, listing every problem'
complete -c ncstb -n "__fish_ncstb_needs_command" -f -a "import" -d 'Turn published "main functions" pages into a dataset, printed as JSON'
complete -c ncstb -n "__fish_ncstb_needs_command" -f -a "schema" -d 'Print the JSON Schema (draft 2020-12) of the dataset file, or of an output record'
complete -c ncstb -n "__fish_ncstb_needs_command" -f -a "completions" -d 'Print the completion script for a shell'
complete -c ncstb -n "__fish_ncstb_needs_command" -f -a "man" -d 'Print a man page (roff), or write them all to a folder'
complete -c ncstb -n "__fish_ncstb_needs_command" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c ncstb -n "__fish_ncstb_using_subcommand list" -l data -d 'Read this dataset file instead of the embedded one (- for standard input); give it again to read several, their agencies merged [env: `NCSTB_DATA`, paths separated as in PATH]' -r -F
complete -c ncstb -n "__fish_ncstb_using_subcommand list" -l agency -d 'Only this agency of the dataset (by its id)' -r
complete -c ncstb -n "__fish_ncstb_using_subcommand list" -l format -d 'Output format [auto: table at a terminal, plain in a pipe, JSON Lines for search --batch]' -r -f -a "auto\t'Table at a terminal, plain in a pipe (JSON Lines for search --batch)'
table\t'A table fitted to the terminal'
plain\t'Tab-separated lines, no header'
json\t'A JSON array of records'
ndjson\t'One JSON record per line (JSON Lines; `jsonl` also names it)'
csv\t'Comma-separated values with a header row'
tsv\t'Tab-separated values with a header row'
vcard\t'A vCard 4.0 (contact only)'
markdown\t'GitHub-flavoured Markdown (`md` also names it): tables, or headings and numbered clauses for show'
html\t'One standalone HTML page, for a browser or to print'
cite\t'A citation per duty, for footnotes (list, show, search)'"
complete -c ncstb -n "__fish_ncstb_using_subcommand list" -l fields -d 'Fields to print, in this order (comma-separated); --fields help (or no value) lists them' -r
complete -c ncstb -n "__fish_ncstb_using_subcommand list" -l color -d 'When to colour tables and help (under auto: `NO_COLOR`, `CLICOLOR_FORCE`, CLICOLOR, TERM)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c ncstb -n "__fish_ncstb_using_subcommand list" -l width -d 'Width in columns; below 40, or where a table\'s columns cannot hold their words, records are printed one field per line [default: COLUMNS, the terminal\'s width, or 100]' -r
complete -c ncstb -n "__fish_ncstb_using_subcommand list" -l jq -d 'Filter the JSON output with a jq program, in-process, as `jq -r` would (strings raw, other values compact, one a line): list, show, search, contact, validate; with --format json (the default) the whole array, with ndjson (and search --batch) each record alone' -r
complete -c ncstb -n "__fish_ncstb_using_subcommand list" -s l -l long -d 'Show each duty\'s full text in the table, not just its start'
complete -c ncstb -n "__fish_ncstb_using_subcommand list" -l json -d 'Short for --format json'
complete -c ncstb -n "__fish_ncstb_using_subcommand list" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c ncstb -n "__fish_ncstb_using_subcommand show" -l data -d 'Read this dataset file instead of the embedded one (- for standard input); give it again to read several, their agencies merged [env: `NCSTB_DATA`, paths separated as in PATH]' -r -F
complete -c ncstb -n "__fish_ncstb_using_subcommand show" -l agency -d 'Only this agency of the dataset (by its id)' -r
complete -c ncstb -n "__fish_ncstb_using_subcommand show" -l format -d 'Output format [auto: table at a terminal, plain in a pipe, JSON Lines for search --batch]' -r -f -a "auto\t'Table at a terminal, plain in a pipe (JSON Lines for search --batch)'
table\t'A table fitted to the terminal'
plain\t'Tab-separated lines, no header'
json\t'A JSON array of records'
ndjson\t'One JSON record per line (JSON Lines; `jsonl` also names it)'
csv\t'Comma-separated values with a header row'
tsv\t'Tab-separated values with a header row'
vcard\t'A vCard 4.0 (contact only)'
markdown\t'GitHub-flavoured Markdown (`md` also names it): tables, or headings and numbered clauses for show'
html\t'One standalone HTML page, for a browser or to print'
cite\t'A citation per duty, for footnotes (list, show, search)'"
complete -c ncstb -n "__fish_ncstb_using_subcommand show" -l fields -d 'Fields to print, in this order (comma-separated); --fields help (or no value) lists them' -r
complete -c ncstb -n "__fish_ncstb_using_subcommand show" -l color -d 'When to colour tables and help (under auto: `NO_COLOR`, `CLICOLOR_FORCE`, CLICOLOR, TERM)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c ncstb -n "__fish_ncstb_using_subcommand show" -l width -d 'Width in columns; below 40, or where a table\'s columns cannot hold their words, records are printed one field per line [default: COLUMNS, the terminal\'s width, or 100]' -r
complete -c ncstb -n "__fish_ncstb_using_subcommand show" -l jq -d 'Filter the JSON output with a jq program, in-process, as `jq -r` would (strings raw, other values compact, one a line): list, show, search, contact, validate; with --format json (the default) the whole array, with ndjson (and search --batch) each record alone' -r
complete -c ncstb -n "__fish_ncstb_using_subcommand show" -l json -d 'Short for --format json'
complete -c ncstb -n "__fish_ncstb_using_subcommand show" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c ncstb -n "__fish_ncstb_using_subcommand search" -l batch -d 'Answer many queries, one per line of FILE (or standard input, -, when none is given)' -r -F
complete -c ncstb -n "__fish_ncstb_using_subcommand search" -s n -l limit -d 'Show at most N hits' -r
complete -c ncstb -n "__fish_ncstb_using_subcommand search" -l data -d 'Read this dataset file instead of the embedded one (- for standard input); give it again to read several, their agencies merged [env: `NCSTB_DATA`, paths separated as in PATH]' -r -F
complete -c ncstb -n "__fish_ncstb_using_subcommand search" -l agency -d 'Only this agency of the dataset (by its id)' -r
complete -c ncstb -n "__fish_ncstb_using_subcommand search" -l format -d 'Output format [auto: table at a terminal, plain in a pipe, JSON Lines for search --batch]' -r -f -a "auto\t'Table at a terminal, plain in a pipe (JSON Lines for search --batch)'
table\t'A table fitted to the terminal'
plain\t'Tab-separated lines, no header'
json\t'A JSON array of records'
ndjson\t'One JSON record per line (JSON Lines; `jsonl` also names it)'
csv\t'Comma-separated values with a header row'
tsv\t'Tab-separated values with a header row'
vcard\t'A vCard 4.0 (contact only)'
markdown\t'GitHub-flavoured Markdown (`md` also names it): tables, or headings and numbered clauses for show'
html\t'One standalone HTML page, for a browser or to print'
cite\t'A citation per duty, for footnotes (list, show, search)'"
complete -c ncstb -n "__fish_ncstb_using_subcommand search" -l fields -d 'Fields to print, in this order (comma-separated); --fields help (or no value) lists them' -r
complete -c ncstb -n "__fish_ncstb_using_subcommand search" -l color -d 'When to colour tables and help (under auto: `NO_COLOR`, `CLICOLOR_FORCE`, CLICOLOR, TERM)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c ncstb -n "__fish_ncstb_using_subcommand search" -l width -d 'Width in columns; below 40, or where a table\'s columns cannot hold their words, records are printed one field per line [default: COLUMNS, the terminal\'s width, or 100]' -r
complete -c ncstb -n "__fish_ncstb_using_subcommand search" -l jq -d 'Filter the JSON output with a jq program, in-process, as `jq -r` would (strings raw, other values compact, one a line): list, show, search, contact, validate; with --format json (the default) the whole array, with ndjson (and search --batch) each record alone' -r
complete -c ncstb -n "__fish_ncstb_using_subcommand search" -l exact -d 'No typos and no prefixes: words match as written, by plural, abbreviation or concept'
complete -c ncstb -n "__fish_ncstb_using_subcommand search" -l all-words -d 'Only duties that contain every word; no partial matches'
complete -c ncstb -n "__fish_ncstb_using_subcommand search" -l json -d 'Short for --format json'
complete -c ncstb -n "__fish_ncstb_using_subcommand search" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c ncstb -n "__fish_ncstb_using_subcommand browse" -l data -d 'Read this dataset file instead of the embedded one (- for standard input); give it again to read several, their agencies merged [env: `NCSTB_DATA`, paths separated as in PATH]' -r -F
complete -c ncstb -n "__fish_ncstb_using_subcommand browse" -l agency -d 'Only this agency of the dataset (by its id)' -r
complete -c ncstb -n "__fish_ncstb_using_subcommand browse" -l color -d 'When to colour the screen (under auto: `NO_COLOR`, `CLICOLOR_FORCE`, TERM); without colour, matches are underlined and the selection is in reverse video' -r -f -a "auto\t''
always\t''
never\t''"
complete -c ncstb -n "__fish_ncstb_using_subcommand browse" -l exact -d 'No typos and no prefixes: words match as written, by plural, abbreviation or concept'
complete -c ncstb -n "__fish_ncstb_using_subcommand browse" -l all-words -d 'Only duties that contain every word; no partial matches'
complete -c ncstb -n "__fish_ncstb_using_subcommand browse" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c ncstb -n "__fish_ncstb_using_subcommand contact" -l data -d 'Read this dataset file instead of the embedded one (- for standard input); give it again to read several, their agencies merged [env: `NCSTB_DATA`, paths separated as in PATH]' -r -F
complete -c ncstb -n "__fish_ncstb_using_subcommand contact" -l agency -d 'Only this agency of the dataset (by its id)' -r
complete -c ncstb -n "__fish_ncstb_using_subcommand contact" -l format -d 'Output format [auto: table at a terminal, plain in a pipe, JSON Lines for search --batch]' -r -f -a "auto\t'Table at a terminal, plain in a pipe (JSON Lines for search --batch)'
table\t'A table fitted to the terminal'
plain\t'Tab-separated lines, no header'
json\t'A JSON array of records'
ndjson\t'One JSON record per line (JSON Lines; `jsonl` also names it)'
csv\t'Comma-separated values with a header row'
tsv\t'Tab-separated values with a header row'
vcard\t'A vCard 4.0 (contact only)'
markdown\t'GitHub-flavoured Markdown (`md` also names it): tables, or headings and numbered clauses for show'
html\t'One standalone HTML page, for a browser or to print'
cite\t'A citation per duty, for footnotes (list, show, search)'"
complete -c ncstb -n "__fish_ncstb_using_subcommand contact" -l fields -d 'Fields to print, in this order (comma-separated); --fields help (or no value) lists them' -r
complete -c ncstb -n "__fish_ncstb_using_subcommand contact" -l color -d 'When to colour tables and help (under auto: `NO_COLOR`, `CLICOLOR_FORCE`, CLICOLOR, TERM)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c ncstb -n "__fish_ncstb_using_subcommand contact" -l width -d 'Width in columns; below 40, or where a table\'s columns cannot hold their words, records are printed one field per line [default: COLUMNS, the terminal\'s width, or 100]' -r
complete -c ncstb -n "__fish_ncstb_using_subcommand contact" -l jq -d 'Filter the JSON output with a jq program, in-process, as `jq -r` would (strings raw, other values compact, one a line): list, show, search, contact, validate; with --format json (the default) the whole array, with ndjson (and search --batch) each record alone' -r
complete -c ncstb -n "__fish_ncstb_using_subcommand contact" -l json -d 'Short for --format json'
complete -c ncstb -n "__fish_ncstb_using_subcommand contact" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c ncstb -n "__fish_ncstb_using_subcommand validate" -l format -d 'Output format [auto: table at a terminal, plain in a pipe, JSON Lines for search --batch]' -r -f -a "auto\t'Table at a terminal, plain in a pipe (JSON Lines for search --batch)'
table\t'A table fitted to the terminal'
plain\t'Tab-separated lines, no header'
json\t'A JSON array of records'
ndjson\t'One JSON record per line (JSON Lines; `jsonl` also names it)'
csv\t'Comma-separated values with a header row'
tsv\t'Tab-separated values with a header row'
vcard\t'A vCard 4.0 (contact only)'
markdown\t'GitHub-flavoured Markdown (`md` also names it): tables, or headings and numbered clauses for show'
html\t'One standalone HTML page, for a browser or to print'
cite\t'A citation per duty, for footnotes (list, show, search)'"
complete -c ncstb -n "__fish_ncstb_using_subcommand validate" -l fields -d 'Fields to print, in this order (comma-separated); --fields help (or no value) lists them' -r
complete -c ncstb -n "__fish_ncstb_using_subcommand validate" -l color -d 'When to colour tables and help (under auto: `NO_COLOR`, `CLICOLOR_FORCE`, CLICOLOR, TERM)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c ncstb -n "__fish_ncstb_using_subcommand validate" -l width -d 'Width in columns; below 40, or where a table\'s columns cannot hold their words, records are printed one field per line [default: COLUMNS, the terminal\'s width, or 100]' -r
complete -c ncstb -n "__fish_ncstb_using_subcommand validate" -l jq -d 'Filter the JSON output with a jq program, in-process, as `jq -r` would (strings raw, other values compact, one a line): list, show, search, contact, validate; with --format json (the default) the whole array, with ndjson (and search --batch) each record alone' -r
complete -c ncstb -n "__fish_ncstb_using_subcommand validate" -l json -d 'Short for --format json'
complete -c ncstb -n "__fish_ncstb_using_subcommand validate" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c ncstb -n "__fish_ncstb_using_subcommand import" -l id -d 'The agency\'s id, once per page in order [default: made of the agency\'s name]' -r
complete -c ncstb -n "__fish_ncstb_using_subcommand import" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c ncstb -n "__fish_ncstb_using_subcommand schema" -l output -d 'The output record whose schema to print, rather than the dataset file\'s' -r -f -a "duty\t'A duty, from `list` and `show`'
contact\t'An agency\'s contact details, from `contact`'
hit\t'A search hit, from `search`'
validation\t'What `validate` found in a file'
batch\t'A query\'s answer, a line of `search --batch`'"
complete -c ncstb -n "__fish_ncstb_using_subcommand schema" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c ncstb -n "__fish_ncstb_using_subcommand completions" -s h -l help -d 'Print help'
complete -c ncstb -n "__fish_ncstb_using_subcommand man" -l dir -d 'Write every page (ncstb.1, ncstb-list.1, ...) into this folder, and print their paths' -r -F
complete -c ncstb -n "__fish_ncstb_using_subcommand man" -s h -l help -d 'Print help'
complete -c ncstb -n "__fish_ncstb_using_subcommand help; and not __fish_seen_subcommand_from list show search browse contact validate import schema completions man help" -f -a "list" -d 'List every duty'
complete -c ncstb -n "__fish_ncstb_using_subcommand help; and not __fish_seen_subcommand_from list show search browse contact validate import schema completions man help" -f -a "show" -d 'Show one or more duties in full, with their clauses numbered'
complete -c ncstb -n "__fish_ncstb_using_subcommand help; and not __fish_seen_subcommand_from list show search browse contact validate import schema completions man help" -f -a "search" -d 'Search the duties for words, forgiving typos, best match first'
complete -c ncstb -n "__fish_ncstb_using_subcommand help; and not __fish_seen_subcommand_from list show search browse contact validate import schema completions man help" -f -a "browse" -d 'Search as you type, full screen; Enter prints the duty\'s reference'
complete -c ncstb -n "__fish_ncstb_using_subcommand help; and not __fish_seen_subcommand_from list show search browse contact validate import schema completions man help" -f -a "contact" -d 'Print the agency\'s address, post code and public supervision hotline'
complete -c ncstb -n "__fish_ncstb_using_subcommand help; and not __fish_seen_subcommand_from list show search browse contact validate import schema completions man help" -f -a "validate" -d 'Check dataset files against the schema and its rules, listing every problem'
complete -c ncstb -n "__fish_ncstb_using_subcommand help; and not __fish_seen_subcommand_from list show search browse contact validate import schema completions man help" -f -a "import" -d 'Turn published "main functions" pages into a dataset, printed as JSON'
complete -c ncstb -n "__fish_ncstb_using_subcommand help; and not __fish_seen_subcommand_from list show search browse contact validate import schema completions man help" -f -a "schema" -d 'Print the JSON Schema (draft 2020-12) of the dataset file, or of an output record'
complete -c ncstb -n "__fish_ncstb_using_subcommand help; and not __fish_seen_subcommand_from list show search browse contact validate import schema completions man help" -f -a "completions" -d 'Print the completion script for a shell'
complete -c ncstb -n "__fish_ncstb_using_subcommand help; and not __fish_seen_subcommand_from list show search browse contact validate import schema completions man help" -f -a "man" -d 'Print a man page (roff), or write them all to a folder'
complete -c ncstb -n "__fish_ncstb_using_subcommand help; and not __fish_seen_subcommand_from list show search browse contact validate import schema completions man help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
