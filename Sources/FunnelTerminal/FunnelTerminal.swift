// FunnelTerminal
