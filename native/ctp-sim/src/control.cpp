// The control hook's C entry points (ctpsim_control.h).
#include "ctpsim_control.h"

#include <string>

#include "util.h"
#include "world.h"

using ctpsim::World;

extern "C" {

void ctpsim_reset(void) { World::Get().Reset(); }
int ctpsim_add_account(const char *broker, const char *user, const char *password, const char *appId, const char *authCode, double balance) {
  return World::Get().AddAccount(broker, user, password, appId, authCode, balance);
}
void ctpsim_set_auto_open(int on) { World::Get().SetAutoOpen(on != 0); }
int ctpsim_inject_quote(const CThostFtdcDepthMarketDataField *quote) { return quote ? World::Get().InjectQuote(*quote) : -1; }
int ctpsim_burst_quotes(const char *instrument, int count, int spacingUs) {
  return instrument ? World::Get().BurstQuotes(instrument, count, spacingUs) : -1;
}
int ctpsim_set_front_reachable(const char *front, int reachable) { return front ? World::Get().SetFrontReachable(front, reachable != 0) : -1; }
int ctpsim_disconnect_front(const char *front, int reason) { return World::Get().DisconnectFront(front ? front : "", reason); }
int ctpsim_heartbeat_warning(const char *front, int timeLapse) { return World::Get().HeartBeatWarning(front ? front : "", timeLapse); }
void ctpsim_set_reconnect_delay_ms(int ms) { World::Get().SetReconnectDelay(ms < 0 ? 0 : ms); }
void ctpsim_set_query_limit(int perSecond) { World::Get().SetQueryLimit(perSecond); }
void ctpsim_set_query_latency_ms(int ms) { World::Get().SetQueryLatency(ms < 0 ? 0 : ms); }
void ctpsim_fail_queries(int count) { World::Get().FailQueries(count); }
void ctpsim_reject_orders(int count, int exchange, int errorId) { World::Get().RejectOrders(count, exchange != 0, errorId); }
int ctpsim_set_trading_day(int day) { return World::Get().SetTradingDay(day); }
long long ctpsim_stat(const char *name) { return name ? World::Get().Stat(name) : -1; }
long long ctpsim_now_us(void) { return ctpsim::MonotonicMicros(); }

}
