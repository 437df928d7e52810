// The simulated front's state, shared by every TraderApi and MdApi object of the process: fronts and connections,
// accounts with positions, orders and trades, instruments with their latest quote, and the matching of orders against
// those quotes. One mutex guards it all; callbacks never run under it (they are posted to each API's own thread).
#pragma once

#include <atomic>
#include <deque>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <set>
#include <string>
#include <thread>
#include <vector>

#include "ThostFtdcMdApi.h"
#include "ThostFtdcTraderApi.h"
#include "dispatcher.h"

namespace ctpsim {

struct ProductRow;

/** What a TraderApi or MdApi object is to the world: a thread to post its callbacks to, and its SPI. */
template <class Spi>
class Endpoint {
 public:
  virtual ~Endpoint() = default;
  /** Runs fn(spi) on this API's thread, after everything posted before it; skipped if no SPI is registered then. */
  void Deliver(std::function<void(Spi *)> fn) {
    dispatcher_.Post([this, fn = std::move(fn)] {
      if (Spi *spi = spi_.load()) fn(spi);
    });
  }
  void Run(std::function<void()> fn) { dispatcher_.Post(std::move(fn)); }
  void RunAfter(int ms, std::function<void()> fn) { dispatcher_.PostAfter(ms, std::move(fn)); }
  Spi *spi() const { return spi_.load(); }

  // Connection state: guarded by the world's mutex.
  std::vector<std::string> fronts;
  size_t nextFront = 0;
  bool inited = false;
  bool released = false;
  bool connected = false;
  std::string front;
  int frontId = 0;

 protected:
  Dispatcher dispatcher_;
  std::atomic<Spi *> spi_{nullptr};
};

class TraderApiImpl;
class MdApiImpl;

struct PositionBucket {
  int volume = 0;
  /** Position cost (持仓成本): today's lots at their open price, earlier lots at the previous settlement. */
  double cost = 0;
  /** Open cost (开仓成本): at the open prices. */
  double openCost = 0;
  double margin = 0;
};

struct PositionRec {
  std::string instrument;
  char direction = '2';  // THOST_FTDC_PD_Long / THOST_FTDC_PD_Short
  int ydStatic = 0;      // YdPosition: yesterday's position at the start of the day, not reduced by closes
  PositionBucket today, yd;
  int frozenToday = 0, frozenYd = 0;
  double closeProfit = 0, commission = 0;
  int openVolume = 0, closeVolume = 0;
  double openAmount = 0, closeAmount = 0;
  int total() const { return today.volume + yd.volume; }
};

struct Account;

struct OrderRec {
  CThostFtdcOrderField f{};
  Account *account = nullptr;
  bool working = false;
  double frozenMargin = 0, frozenCommission = 0;
  int frozenToday = 0, frozenYd = 0;
};

/** One message of an investor's private flow (私有流): what RESTART replays after a login. */
struct PrivateMsg {
  bool isTrade = false;
  CThostFtdcOrderField order{};
  CThostFtdcTradeField trade{};
};

struct Account {
  std::string broker, user, password, appId, authCode;
  bool autoOpened = false;
  double preBalance = 0, deposit = 0, withdraw = 0, closeProfit = 0, commission = 0;
  int confirmedDay = 0;
  int loginFailures = 0;
  std::vector<std::unique_ptr<OrderRec>> orders;
  std::vector<CThostFtdcTradeField> trades;
  std::map<std::pair<std::string, char>, PositionRec> positions;
  std::vector<std::shared_ptr<const PrivateMsg>> flow;
};

struct Instrument {
  const ProductRow *product = nullptr;
  CThostFtdcInstrumentField field{};
  bool hasQuote = false;
  CThostFtdcDepthMarketDataField quote{};
  double preSettlement = 0;
  /** Volume of each level of the latest quote already taken by fills (a quote is a snapshot: it fills once). */
  int takenBid[5] = {0, 0, 0, 0, 0};
  int takenAsk[5] = {0, 0, 0, 0, 0};
  std::vector<OrderRec *> book;  // working orders, in time priority
};

struct FrontState {
  bool reachable = true;
  int frontId = 0;
};

/** Faults a test asks for through the control hook. */
struct Faults {
  int rejectOrders = 0;        // the next n order inserts are rejected
  bool rejectAtExchange = false;
  int rejectErrorId = 31;
  int failQueries = 0;         // the next n queries answer OnRspError 90
};

class World {
 public:
  static World &Get();
  std::unique_lock<std::mutex> Lock() { return std::unique_lock<std::mutex>(mu_); }

  // ---- connections (called with the lock held) ----
  /** Tries the API's next front; true if it is reachable (the API is then connected). */
  bool Connect(TraderApiImpl *api);
  bool Connect(MdApiImpl *api);
  void Unregister(TraderApiImpl *api);
  void Unregister(MdApiImpl *api);
  /** Drops the connection: OnFrontDisconnected(reason), then the API reconnects by itself after the delay. */
  void Drop(TraderApiImpl *api, int reason);
  void Drop(MdApiImpl *api, int reason);
  int reconnectDelayMs() const { return reconnectDelayMs_; }
  int queryPerSecond() const { return queryPerSecond_; }

  // ---- trader requests (called without the lock; they take it) ----
  int Authenticate(TraderApiImpl *api, const CThostFtdcReqAuthenticateField &req, int requestId);
  int UserLogin(TraderApiImpl *api, const CThostFtdcReqUserLoginField &req, int requestId);
  int UserLogout(TraderApiImpl *api, const CThostFtdcUserLogoutField &req, int requestId);
  int SettlementInfoConfirm(TraderApiImpl *api, const CThostFtdcSettlementInfoConfirmField &req, int requestId);
  int OrderInsert(TraderApiImpl *api, const CThostFtdcInputOrderField &req, int requestId);
  int OrderAction(TraderApiImpl *api, const CThostFtdcInputOrderActionField &req, int requestId);
  /** Every ReqQry*: the API's own limits (-2 one in flight, -3 per second), then the front's answer. */
  int Query(TraderApiImpl *api, int requestId, const std::function<void(TraderApiImpl *, int)> &answer);
  void QrySettlementInfo(TraderApiImpl *api, const CThostFtdcQrySettlementInfoField &req, int requestId);
  void QryInstrument(TraderApiImpl *api, const CThostFtdcQryInstrumentField &req, int requestId);
  void QryTradingAccount(TraderApiImpl *api, const CThostFtdcQryTradingAccountField &req, int requestId);
  void QryInvestorPosition(TraderApiImpl *api, const CThostFtdcQryInvestorPositionField &req, int requestId);
  void QryInvestorPositionDetail(TraderApiImpl *api, const CThostFtdcQryInvestorPositionDetailField &req, int requestId);
  void QryOrder(TraderApiImpl *api, const CThostFtdcQryOrderField &req, int requestId);
  void QryTrade(TraderApiImpl *api, const CThostFtdcQryTradeField &req, int requestId);
  void QryInstrumentMarginRate(TraderApiImpl *api, const CThostFtdcQryInstrumentMarginRateField &req, int requestId);
  void QryInstrumentCommissionRate(TraderApiImpl *api, const CThostFtdcQryInstrumentCommissionRateField &req, int requestId);
  void Unsupported(TraderApiImpl *api, int requestId);

  // ---- market data requests ----
  int MdLogin(MdApiImpl *api, const CThostFtdcReqUserLoginField &req, int requestId);
  int MdLogout(MdApiImpl *api, const CThostFtdcUserLogoutField &req, int requestId);
  int Subscribe(MdApiImpl *api, char *ids[], int count, bool subscribe);
  void MdUnsupported(MdApiImpl *api, int requestId);

  // ---- the control hook ----
  void Reset();
  int AddAccount(const char *broker, const char *user, const char *password, const char *appId, const char *authCode, double balance);
  void SetAutoOpen(bool on) { std::lock_guard<std::mutex> l(mu_); autoOpen_ = on; }
  int InjectQuote(const CThostFtdcDepthMarketDataField &q);
  int BurstQuotes(const std::string &instrument, int count, int spacingUs);
  int SetFrontReachable(const std::string &front, bool reachable);
  int DisconnectFront(const std::string &front, int reason);
  int HeartBeatWarning(const std::string &front, int timeLapse);
  void SetReconnectDelay(int ms) { std::lock_guard<std::mutex> l(mu_); reconnectDelayMs_ = ms; }
  void SetQueryLimit(int perSecond) { std::lock_guard<std::mutex> l(mu_); queryPerSecond_ = perSecond; }
  void SetQueryLatency(int ms) { std::lock_guard<std::mutex> l(mu_); queryLatencyMs_ = ms; }
  void FailQueries(int n) { std::lock_guard<std::mutex> l(mu_); faults_.failQueries = n; }
  void RejectOrders(int n, bool atExchange, int errorId);
  int SetTradingDay(int day);
  long long Stat(const std::string &name);

  // Counters for the control hook's Stat, readable without the lock.
  std::atomic<long long> liveApis{0};
  std::atomic<long long> lastOrderMicros{0};

 private:
  World();
  template <class Api>
  bool ConnectImpl(Api *api);
  void RollDayIfDue();
  void Settle(int nextDay);
  void BuildInstruments();
  Instrument *FindInstrument(const std::string &id);
  Instrument *EnsureInstrument(const std::string &id);
  Account *FindAccount(const std::string &broker, const std::string &user);
  std::vector<TraderApiImpl *> SessionsOf(const Account *a);
  void Publish(Account *a, const std::shared_ptr<const PrivateMsg> &msg);
  void PublishOrder(OrderRec *o);
  void PublishTrade(Account *a, const CThostFtdcTradeField &t);
  void ReplayFlow(TraderApiImpl *api, Account *a);
  void RejectInsert(TraderApiImpl *api, const CThostFtdcInputOrderField &req, int requestId, int errorId);
  void RejectAction(TraderApiImpl *api, const CThostFtdcInputOrderActionField &req, int requestId, int errorId);
  void ExchangeReject(OrderRec *o, const char *gbkText);
  void MatchOnArrival(OrderRec *o, Instrument *ins);
  void MatchResting(Instrument *ins);
  struct Fill {
    double price;
    int volume;
  };
  std::vector<Fill> TakeLiquidity(OrderRec *o, Instrument *ins, bool limitAtOwnPrice);
  void ApplyFill(OrderRec *o, Instrument *ins, double price, int volume, char statusAfter, const char *statusMsg);
  void EndOrder(OrderRec *o, char status, const char *gbkText);
  void ReleaseFrozen(OrderRec *o, int volume);
  void AccountFields(Account *a, CThostFtdcTradingAccountField &out);
  double PositionProfit(const Account *a) const;
  double CurrMargin(const Account *a) const;
  double FrozenMargin(const Account *a) const;
  double FrozenCommission(const Account *a) const;
  double Available(const Account *a) const;
  double CommissionOf(const Instrument *ins, char kind, double price, int volume) const;
  double MarginRate(const Instrument *ins, bool isLong) const;
  double LastPrice(const Instrument *ins) const;
  void FillRspInfo(CThostFtdcRspInfoField &r, int errorId) const;
  void AddRow(std::vector<std::function<void(CThostFtdcTraderSpi *, bool)>> &rows, std::function<void(CThostFtdcTraderSpi *, bool)> row);
  void DeliverRows(TraderApiImpl *api, std::vector<std::function<void(CThostFtdcTraderSpi *, bool)>> rows,
                   std::function<void(CThostFtdcTraderSpi *)> empty);

  std::mutex mu_;
  std::map<std::string, FrontState> fronts_;
  std::set<TraderApiImpl *> traders_;
  std::set<MdApiImpl *> mds_;
  std::map<std::string, std::unique_ptr<Account>> accounts_;  // key broker + '\n' + user
  std::map<std::string, Instrument> instruments_;
  std::vector<std::thread> bursts_;
  Faults faults_;
  bool autoOpen_ = true;
  double defaultBalance_ = 1000000;
  int reconnectDelayMs_ = 1000;  // fixed 1 s from CTP 6.7.9 on
  int queryPerSecond_ = 1;       // the front's QryFreq, historically one query a second
  int queryLatencyMs_ = 2;       // a query's round trip: its answer never arrives before the next line of the client
  int tradingDay_ = 0;
  bool dayFixed_ = false;
  int nextSessionId_ = 0;
  long long orderSeq_ = 0, tradeSeq_ = 0, localSeq_ = 0, sequenceNo_ = 0;
  long long orderInserts_ = 0, loginAttempts_ = 0, queries_ = 0, queryRefusals_ = 0, connections_ = 0, sessions_ = 0;
};

/** The TraderApi the simulator hands out. Its state is guarded by the world's mutex. */
class TraderApiImpl : public CThostFtdcTraderApi, public Endpoint<CThostFtdcTraderSpi> {
 public:
  explicit TraderApiImpl(const char *flowPath, bool production);
  ~TraderApiImpl();
  friend class World;

  // Session state: guarded by the world's mutex.
  bool authenticated = false;
  std::string authBroker, authUser;
  Account *account = nullptr;
  int sessionId = 0;
  long long maxOrderRef = 0;
  THOST_TE_RESUME_TYPE privateResume = THOST_TERT_RESTART;
  size_t privateDelivered = 0;  // RESUME: how much of the private flow this API object has seen
  std::deque<long long> queryTimes;
  std::atomic<bool> queryInFlight{false};
  char tradingDay[9] = "19800100";  // what the real library answers before a login

  // CThostFtdcTraderApi
  void Release() override;
  void Init() override;
  int Join() override;
  const char *GetTradingDay() override;
  void GetFrontInfo(CThostFtdcFrontInfoField *pFrontInfo) override;
  void RegisterFront(char *pszFrontAddress) override;
  void RegisterNameServer(char *pszNsAddress) override;
  void RegisterFensUserInfo(CThostFtdcFensUserInfoField *pFensUserInfo) override;
  void RegisterSpi(CThostFtdcTraderSpi *pSpi) override;
  void SubscribePrivateTopic(THOST_TE_RESUME_TYPE nResumeType) override;
  void SubscribePublicTopic(THOST_TE_RESUME_TYPE nResumeType) override;
  int ReqAuthenticate(CThostFtdcReqAuthenticateField *pReqAuthenticateField, int nRequestID) override;
  int RegisterUserSystemInfo(CThostFtdcUserSystemInfoField *pUserSystemInfo) override;
  int SubmitUserSystemInfo(CThostFtdcUserSystemInfoField *pUserSystemInfo) override;
  int RegisterWechatUserSystemInfo(CThostFtdcWechatUserSystemInfoField *pUserSystemInfo) override;
  int SubmitWechatUserSystemInfo(CThostFtdcWechatUserSystemInfoField *pUserSystemInfo) override;
  int ReqUserLogin(CThostFtdcReqUserLoginField *pReqUserLoginField, int nRequestID) override;
  int ReqUserLogout(CThostFtdcUserLogoutField *pUserLogout, int nRequestID) override;
  int ReqOrderInsert(CThostFtdcInputOrderField *pInputOrder, int nRequestID) override;
  int ReqOrderAction(CThostFtdcInputOrderActionField *pInputOrderAction, int nRequestID) override;
  int ReqSettlementInfoConfirm(CThostFtdcSettlementInfoConfirmField *pSettlementInfoConfirm, int nRequestID) override;
  int ReqQryOrder(CThostFtdcQryOrderField *pQryOrder, int nRequestID) override;
  int ReqQryTrade(CThostFtdcQryTradeField *pQryTrade, int nRequestID) override;
  int ReqQryInvestorPosition(CThostFtdcQryInvestorPositionField *pQryInvestorPosition, int nRequestID) override;
  int ReqQryTradingAccount(CThostFtdcQryTradingAccountField *pQryTradingAccount, int nRequestID) override;
  int ReqQryInstrumentMarginRate(CThostFtdcQryInstrumentMarginRateField *pQryInstrumentMarginRate, int nRequestID) override;
  int ReqQryInstrumentCommissionRate(CThostFtdcQryInstrumentCommissionRateField *pQryInstrumentCommissionRate, int nRequestID) override;
  int ReqQryInstrument(CThostFtdcQryInstrumentField *pQryInstrument, int nRequestID) override;
  int ReqQrySettlementInfo(CThostFtdcQrySettlementInfoField *pQrySettlementInfo, int nRequestID) override;
  int ReqQryInvestorPositionDetail(CThostFtdcQryInvestorPositionDetailField *pQryInvestorPositionDetail, int nRequestID) override;

#define CTPSIM_TRADER_UNSUPPORTED
#include "gen/trader_defaults.gen.h"
#undef CTPSIM_TRADER_UNSUPPORTED

  void TryConnect();

 private:
  struct JoinState {
    std::mutex m;
    std::condition_variable cv;
    bool done = false;
  };
  std::shared_ptr<JoinState> join_ = std::make_shared<JoinState>();
};

/** The MdApi the simulator hands out. */
class MdApiImpl : public CThostFtdcMdApi, public Endpoint<CThostFtdcMdSpi> {
 public:
  explicit MdApiImpl(const char *flowPath);
  ~MdApiImpl();
  friend class World;

  bool loggedIn = false;
  std::set<std::string> subscriptions;
  char tradingDay[9] = "19800100";

  void Release() override;
  void Init() override;
  int Join() override;
  const char *GetTradingDay() override;
  void RegisterFront(char *pszFrontAddress) override;
  void RegisterNameServer(char *pszNsAddress) override;
  void RegisterFensUserInfo(CThostFtdcFensUserInfoField *pFensUserInfo) override;
  void RegisterSpi(CThostFtdcMdSpi *pSpi) override;
  int SubscribeMarketData(char *ppInstrumentID[], int nCount) override;
  int UnSubscribeMarketData(char *ppInstrumentID[], int nCount) override;
  int SubscribeForQuoteRsp(char *ppInstrumentID[], int nCount) override;
  int UnSubscribeForQuoteRsp(char *ppInstrumentID[], int nCount) override;
  int ReqUserLogin(CThostFtdcReqUserLoginField *pReqUserLoginField, int nRequestID) override;
  int ReqUserLogout(CThostFtdcUserLogoutField *pUserLogout, int nRequestID) override;
  int ReqQryMulticastInstrument(CThostFtdcQryMulticastInstrumentField *pQryMulticastInstrument, int nRequestID) override;

  void TryConnect();

 private:
  struct JoinState {
    std::mutex m;
    std::condition_variable cv;
    bool done = false;
  };
  std::shared_ptr<JoinState> join_ = std::make_shared<JoinState>();
};

}  // namespace ctpsim
