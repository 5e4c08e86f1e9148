// FunnelUI
