/*
 * The control hook of ctp-sim: what a test (or the local practice front) uses to play the exchange and the
 * network. Exported by libthosttraderapi_se of ctp-sim only; the real SDK has none of it, so the CTP addon never
 * calls it: tests reach it through the separate control addon (native/ctp-sim/control).
 * Every function is safe to call from any thread.
 */
#ifndef CTPSIM_CONTROL_H
#define CTPSIM_CONTROL_H

#include "ThostFtdcUserApiStruct.h"

#ifdef __cplusplus
extern "C" {
#endif

/** Forgets accounts, orders, quotes and faults, drops every connection (clients reconnect), fronts reachable. */
void ctpsim_reset(void);
/** Opens (or changes the credentials of) an account; a login then needs exactly these credentials. */
int ctpsim_add_account(const char *broker, const char *user, const char *password, const char *appId, const char *authCode, double balance);
/** Whether an unknown user is given an account on first login (default on: a practice front needs no sign-up). */
void ctpsim_set_auto_open(int on);
/** Publishes a quote to subscribers and matches resting orders against it. -1: not an instrument of a known product. */
int ctpsim_inject_quote(const CThostFtdcDepthMarketDataField *quote);
/** Publishes `count` quotes of the instrument from a thread of the simulator, Volume rising by one each, with
 * `spacingUs` microseconds between them (0: as fast as it can). */
int ctpsim_burst_quotes(const char *instrument, int count, int spacingUs);
/** An unreachable front accepts no connection (clients retry in silence); making it so drops its clients. */
int ctpsim_set_front_reachable(const char *front, int reachable);
/** Drops the clients of a front ("" or "*": all) with the reason given; they reconnect after the delay. */
int ctpsim_disconnect_front(const char *front, int reason);
/** Calls OnHeartBeatWarning on the clients of a front. */
int ctpsim_heartbeat_warning(const char *front, int timeLapse);
/** Delay before a client's reconnect attempt (1000 ms, as CTP 6.7.9 and later). */
void ctpsim_set_reconnect_delay_ms(int ms);
/** The front's QryFreq: queries per second per session before ReqQry* returns -3 (default 1). */
void ctpsim_set_query_limit(int perSecond);
/** How long a query's answer takes (default 2 ms). */
void ctpsim_set_query_latency_ms(int ms);
/** The next `count` queries are answered with OnRspError 90 (查询未就绪). */
void ctpsim_fail_queries(int count);
/** The next `count` order inserts are rejected: by CTP with `errorId` (exchange = 0) or by the exchange (1). */
void ctpsim_reject_orders(int count, int exchange, int errorId);
/** Starts trading day `day` (yyyymmdd): a later day settles the old one and drops every client. */
int ctpsim_set_trading_day(int day);
/** Counters: live_apis, order_inserts, last_order_us, login_attempts, queries, query_refusals, connections,
 * sessions, trading_day; -1 for an unknown name. */
long long ctpsim_stat(const char *name);
/** Microseconds of the clock the simulator stamps with (steady clock), to compare with last_order_us. */
long long ctpsim_now_us(void);

#ifdef __cplusplus
}
#endif

#endif
