// FunnelApp
