# bash completion for detente: subcommands from `detente --help`, options of a subcommand
# (and of `runs list|show|diff|export|rm`) from `detente COMMAND --help`, file names
# otherwise. Installed as share/bash-completion/completions/detente.
_detente() {
  local cur prev words cword
  _init_completion 2>/dev/null || {
    cur="${COMP_WORDS[COMP_CWORD]}"; prev="${COMP_WORDS[COMP_CWORD-1]}"
    words=("${COMP_WORDS[@]}"); cword=$COMP_CWORD
  }
  local prog="${words[0]}" cmd="" sub="" i
  for ((i = 1; i < cword; i++)); do
    case "${words[i]}" in
      -*) ;;
      *) if [[ -z $cmd ]]; then cmd="${words[i]}"; elif [[ -z $sub ]]; then sub="${words[i]}"; fi ;;
    esac
  done
  local help
  if [[ -z $cmd ]]; then
    help=$("$prog" --help 2>/dev/null | awk 'tolower($0) ~ /^subcommands:/ {on = 1; next} on && /^  [a-z]/ {print $1}')
    COMPREPLY=($(compgen -W "$help" -- "$cur"))
    return
  fi
  case "$prev" in
    --format) COMPREPLY=($(compgen -W "text json csv" -- "$cur")); return ;;
    --model|-m) COMPREPLY=($(compgen -W "mean median nash eum smp exchange all" -- "$cur")); return ;;
  esac
  if [[ $cmd == runs && -z $sub && $cur != -* ]]; then
    COMPREPLY=($(compgen -W "list show diff export rm" -- "$cur"))
    return
  fi
  if [[ $cur == -* ]]; then
    local args=("$cmd")
    [[ -n $sub && ( $cmd == runs || $cmd == events ) ]] && args+=("$sub")
    help=$("$prog" "${args[@]}" --help 2>/dev/null | grep -oE -- '(^|[ ,])--?[A-Za-z][A-Za-z0-9-]*' | tr -d ' ,' | sort -u)
    COMPREPLY=($(compgen -W "$help" -- "$cur"))
    return
  fi
  COMPREPLY=($(compgen -f -- "$cur"))
}
complete -o filenames -F _detente detente
