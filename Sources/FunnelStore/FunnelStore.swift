// FunnelStore
