// The simulated front: login sequence, accounts, order checks and matching, queries, private flow, faults.
// Behaviour follows what SFIT documents and what real fronts were seen to do (native/spec/ctp-api-spec.json,
// notes_from_sfit_docs and runtime_observations); where a real front's exact text is unknown the simulator says so
// in its own words (texts.gen.h).
#include "world.h"

#include <algorithm>
#include <cctype>
#include <cfloat>
#include <cmath>
#include <cstdio>

#include "calendar.gen.h"
#include "gen/errors.gen.h"
#include "gen/texts.gen.h"
#include "products.gen.h"
#include "util.h"

namespace ctpsim {

namespace {

constexpr int kErrNotLoginYet = 6;
constexpr int kErrInvalidLogin = 3;
constexpr int kErrInvestorNotFound = 13;
constexpr int kErrBadField = 15;
constexpr int kErrInstrumentNotFound = 16;
constexpr int kErrDuplicateOrderRef = 22;
constexpr int kErrBadOrderActionField = 23;
constexpr int kErrOrderNotFound = 25;
constexpr int kErrInsuitableOrderStatus = 26;
constexpr int kErrUnsupported = 27;
constexpr int kErrOverClosePosition = 30;
constexpr int kErrInsufficientMoney = 31;
constexpr int kErrSettlementNotConfirmed = 42;
constexpr int kErrOverCloseToday = 50;
constexpr int kErrOverCloseYesterday = 51;
constexpr int kErrSessionLimit = 60;
constexpr int kErrAuthFailed = 63;
constexpr int kErrNotAuthenticated = 64;
constexpr int kErrLoginForbidden = 75;
constexpr int kErrPriceTypeNotSupported = 80;
constexpr int kErrNeedRetry = 90;
constexpr int kMaxSessionsPerUser = 6;
constexpr int kMaxLoginFailures = 5;
constexpr double kEps = 1e-7;

bool IsTradingDay(int d) {
  if (kTradingDayCount > 0 && d >= kTradingDays[0] && d <= kTradingDays[kTradingDayCount - 1]) {
    return std::binary_search(kTradingDays, kTradingDays + kTradingDayCount, d);
  }
  int wd = WeekdayOf(d);
  return wd != 0 && wd != 6;
}

int NextTradingDay(int d) {
  do d = AddDays(d, 1);
  while (!IsTradingDay(d));
  return d;
}

int PrevTradingDay(int d) {
  do d = AddDays(d, -1);
  while (!IsTradingDay(d));
  return d;
}

/** The trading day an instant belongs to: evenings and the small hours belong to the next one (夜盘). */
int TradingDayOf(const BeijingTime &t) {
  if (t.minuteOfDay() >= 18 * 60) return NextTradingDay(t.date);
  if (t.minuteOfDay() < 6 * 60) return NextTradingDay(AddDays(t.date, -1));
  return IsTradingDay(t.date) ? t.date : NextTradingDay(t.date);
}

bool WellFormedFront(const std::string &f) {
  size_t scheme = f.find("://");
  if (scheme == std::string::npos || scheme == 0) return false;
  size_t colon = f.rfind(':');
  if (colon == std::string::npos || colon <= scheme + 3 || colon + 1 >= f.size()) return false;
  for (size_t i = colon + 1; i < f.size(); i++)
    if (f[i] < '0' || f[i] > '9') return false;
  return true;
}

bool AllDigits(const std::string &s) {
  if (s.empty() || s.size() > 12) return false;
  for (char c : s)
    if (c < '0' || c > '9') return false;
  return true;
}

std::string Padded(long long n, int width) {
  char b[32];
  std::snprintf(b, sizeof b, "%*lld", width, n);
  return b;
}

std::string Money(double v) {
  char b[64];
  std::snprintf(b, sizeof b, "%.2f", v);
  return b;
}

const ProductRow *FindProduct(const std::string &code) {
  for (int i = 0; i < kProductCount; i++)
    if (code == kProducts[i].product) return &kProducts[i];
  // Traders type rb or RB: accept either case, answer in the exchange's.
  for (int i = 0; i < kProductCount; i++) {
    const char *p = kProducts[i].product;
    if (code.size() == std::strlen(p) && std::equal(code.begin(), code.end(), p, [](char a, char b) { return std::tolower(a) == std::tolower(b); }))
      return &kProducts[i];
  }
  return nullptr;
}

bool OnTick(double price, double tick) {
  double n = price / tick;
  return std::fabs(n - std::round(n)) < 1e-6;
}

double *AskPrices(CThostFtdcDepthMarketDataField &q, int i) {
  double *p[5] = {&q.AskPrice1, &q.AskPrice2, &q.AskPrice3, &q.AskPrice4, &q.AskPrice5};
  return p[i];
}
double *BidPrices(CThostFtdcDepthMarketDataField &q, int i) {
  double *p[5] = {&q.BidPrice1, &q.BidPrice2, &q.BidPrice3, &q.BidPrice4, &q.BidPrice5};
  return p[i];
}
int AskVolume(const CThostFtdcDepthMarketDataField &q, int i) {
  const int v[5] = {q.AskVolume1, q.AskVolume2, q.AskVolume3, q.AskVolume4, q.AskVolume5};
  return v[i];
}
int BidVolume(const CThostFtdcDepthMarketDataField &q, int i) {
  const int v[5] = {q.BidVolume1, q.BidVolume2, q.BidVolume3, q.BidVolume4, q.BidVolume5};
  return v[i];
}

bool IsOpen(char offset) { return offset == THOST_FTDC_OF_Open; }

}  // namespace

// ---- setup ---------------------------------------------------------------------------------------------------------

World &World::Get() {
  // Never destroyed: API threads and detached burst threads may still run while the process exits.
  static World *world = new World();
  return *world;
}

World::World() {
  tradingDay_ = TradingDayOf(BeijingNow());
  // Session ids look like a real front's: large, and different after every login.
  nextSessionId_ = static_cast<int>((MonotonicMicros() / 1000) % 100000000) + 100000000;
  BuildInstruments();
}

void World::BuildInstruments() {
  int y = tradingDay_ / 10000, m = tradingDay_ / 100 % 100;
  for (int i = 0; i < kProductCount; i++) {
    const ProductRow &p = kProducts[i];
    int yy = y, mm = m;
    for (int k = 0; k < 12; k++) {
      char code[32];
      if (std::string(p.exchange) == "CZCE") std::snprintf(code, sizeof code, "%s%d%02d", p.product, yy % 10, mm);
      else std::snprintf(code, sizeof code, "%s%02d%02d", p.product, yy % 100, mm);
      EnsureInstrument(code);
      if (++mm > 12) {
        mm = 1;
        yy++;
      }
    }
  }
}

Instrument *World::FindInstrument(const std::string &id) {
  auto it = instruments_.find(id);
  return it == instruments_.end() ? nullptr : &it->second;
}

/** A contract of a known product, listed on first mention (an injected quote may name any delivery month). */
Instrument *World::EnsureInstrument(const std::string &id) {
  if (Instrument *ins = FindInstrument(id)) return ins;
  size_t n = 0;
  while (n < id.size() && std::isalpha(static_cast<unsigned char>(id[n]))) n++;
  if (n == 0 || n > 3) return nullptr;
  std::string digits = id.substr(n);
  if (!AllDigits(digits)) return nullptr;
  const ProductRow *p = FindProduct(id.substr(0, n));
  if (!p) return nullptr;
  bool czce = std::string(p->exchange) == "CZCE";
  if (digits.size() != (czce ? 3u : 4u)) return nullptr;
  int month = std::stoi(digits.substr(digits.size() - 2));
  if (month < 1 || month > 12) return nullptr;
  int year;
  int refYear = tradingDay_ / 10000;
  if (czce) {
    int digit = digits[0] - '0';
    year = refYear - 1;
    while (year % 10 != digit) year++;
  } else {
    year = 2000 + std::stoi(digits.substr(0, 2));
  }
  std::string canonical = std::string(p->product) + digits;
  if (canonical != id) return FindInstrument(canonical) ? FindInstrument(canonical) : EnsureInstrument(canonical);
  Instrument &ins = instruments_[canonical];
  ins.product = p;
  CThostFtdcInstrumentField &f = ins.field;
  Put(f.InstrumentID, canonical);
  Put(f.ExchangeID, p->exchange);
  Put(f.InstrumentName, std::string(p->nameGbk) + digits);
  Put(f.ExchangeInstID, canonical);
  Put(f.ProductID, p->product);
  f.ProductClass = THOST_FTDC_PC_Futures;
  f.DeliveryYear = year;
  f.DeliveryMonth = month;
  f.MaxMarketOrderVolume = p->maxMarketOrderVolume;
  f.MinMarketOrderVolume = 1;
  f.MaxLimitOrderVolume = p->maxLimitOrderVolume;
  f.MinLimitOrderVolume = 1;
  f.VolumeMultiple = p->multiplier;
  f.PriceTick = p->priceTick;
  int listed = (year - 1) * 10000 + month * 100 + 16;
  Put(f.CreateDate, std::to_string(listed));
  Put(f.OpenDate, std::to_string(listed));
  Put(f.ExpireDate, std::to_string(year * 10000 + month * 100 + 15));
  Put(f.StartDelivDate, std::to_string(year * 10000 + month * 100 + 16));
  Put(f.EndDelivDate, std::to_string(year * 10000 + month * 100 + 20));
  f.InstLifePhase = THOST_FTDC_IP_Started;
  f.IsTrading = 1;
  f.PositionType = THOST_FTDC_PT_Gross;
  f.PositionDateType = p->closeTodayDistinct ? THOST_FTDC_PDT_UseHistory : THOST_FTDC_PDT_NoUseHistory;
  f.LongMarginRatio = p->marginLong;
  f.ShortMarginRatio = p->marginShort;
  f.MaxMarginSideAlgorithm = THOST_FTDC_MMSA_YES;
  f.StrikePrice = 0;
  f.OptionsType = 0;
  f.UnderlyingMultiple = 1;
  f.CombinationType = THOST_FTDC_COMBT_Future;
  return &ins;
}

Account *World::FindAccount(const std::string &broker, const std::string &user) {
  auto it = accounts_.find(broker + "\n" + user);
  return it == accounts_.end() ? nullptr : it->second.get();
}

void World::FillRspInfo(CThostFtdcRspInfoField &r, int errorId) const {
  std::memset(&r, 0, sizeof r);
  r.ErrorID = errorId;
  for (int i = 0; i < kErrorCount; i++) {
    if (kErrors[i].id == errorId) {
      Put(r.ErrorMsg, kErrors[i].gbk);
      return;
    }
  }
  Put(r.ErrorMsg, "CTP:" + std::to_string(errorId));
}

// ---- connections ---------------------------------------------------------------------------------------------------

template <class Api>
bool World::ConnectImpl(Api *api) {
  if (api->released || api->fronts.empty()) return false;
  const std::string front = api->fronts[api->nextFront++ % api->fronts.size()];
  if (!WellFormedFront(front)) return false;  // the real library retries an unusable address silently, forever
  FrontState &fs = fronts_[front];
  if (fs.frontId == 0) fs.frontId = static_cast<int>(fronts_.size());
  if (!fs.reachable) return false;
  api->connected = true;
  api->front = front;
  api->frontId = fs.frontId;
  connections_++;
  return true;
}

bool World::Connect(TraderApiImpl *api) {
  if (!ConnectImpl(api)) return false;
  traders_.insert(api);
  return true;
}

bool World::Connect(MdApiImpl *api) {
  if (!ConnectImpl(api)) return false;
  mds_.insert(api);
  return true;
}

void World::Unregister(TraderApiImpl *api) {
  api->released = true;
  if (api->account) sessions_--;
  api->connected = false;
  api->account = nullptr;
  traders_.erase(api);
}

void World::Unregister(MdApiImpl *api) {
  api->released = true;
  api->connected = false;
  mds_.erase(api);
}

void World::Drop(TraderApiImpl *api, int reason) {
  if (!api->connected) return;
  if (api->account) sessions_--;
  api->connected = false;
  api->authenticated = false;
  api->account = nullptr;
  api->sessionId = 0;
  api->queryInFlight = false;
  api->queryTimes.clear();
  traders_.erase(api);
  api->Deliver([reason](CThostFtdcTraderSpi *spi) { spi->OnFrontDisconnected(reason); });
  api->RunAfter(reconnectDelayMs_, [api] { api->TryConnect(); });
}

void World::Drop(MdApiImpl *api, int reason) {
  if (!api->connected) return;
  api->connected = false;
  api->loggedIn = false;
  api->subscriptions.clear();  // a new connection starts with no subscriptions, as on a real front
  mds_.erase(api);
  api->Deliver([reason](CThostFtdcMdSpi *spi) { spi->OnFrontDisconnected(reason); });
  api->RunAfter(reconnectDelayMs_, [api] { api->TryConnect(); });
}

// ---- trading day ---------------------------------------------------------------------------------------------------

void World::RollDayIfDue() {
  if (dayFixed_) return;
  int day = TradingDayOf(BeijingNow());
  if (day > tradingDay_) Settle(day);
}

/** The end of a trading day: working orders expire, positions become yesterday's at the settlement price. */
void World::Settle(int nextDay) {
  for (auto &entry : accounts_) {
    Account *a = entry.second.get();
    double balance = a->preBalance + a->deposit - a->withdraw + a->closeProfit + PositionProfit(a) - a->commission;
    for (auto &o : a->orders) o->working = false;
    for (auto it = a->positions.begin(); it != a->positions.end();) {
      PositionRec &p = it->second;
      Instrument *ins = FindInstrument(p.instrument);
      double settle = ins ? LastPrice(ins) : 0;
      int total = p.total();
      if (total == 0 || !ins) {
        it = a->positions.erase(it);
        continue;
      }
      double mult = ins->product->multiplier;
      double openCost = p.today.openCost + p.yd.openCost;
      PositionRec fresh;
      fresh.instrument = p.instrument;
      fresh.direction = p.direction;
      p = fresh;
      p.ydStatic = total;
      p.yd.volume = total;
      p.yd.cost = settle * mult * total;
      p.yd.openCost = openCost;
      p.yd.margin = settle * mult * total * MarginRate(ins, p.direction == THOST_FTDC_PD_Long);
      ++it;
    }
    a->preBalance = balance;
    a->deposit = a->withdraw = a->closeProfit = a->commission = 0;
    a->orders.clear();
    a->trades.clear();
    a->flow.clear();
  }
  for (auto &entry : instruments_) {
    Instrument &ins = entry.second;
    double settle = LastPrice(&ins);
    if (settle > 0) ins.preSettlement = settle;
    ins.book.clear();
  }
  tradingDay_ = nextDay;
  BuildInstruments();
}

// ---- private flow --------------------------------------------------------------------------------------------------

std::vector<TraderApiImpl *> World::SessionsOf(const Account *a) {
  std::vector<TraderApiImpl *> out;
  for (TraderApiImpl *api : traders_)
    if (api->account == a) out.push_back(api);
  return out;
}

void World::Publish(Account *a, const std::shared_ptr<const PrivateMsg> &msg) {
  a->flow.push_back(msg);
  for (TraderApiImpl *api : SessionsOf(a)) {
    api->privateDelivered = a->flow.size();
    api->Deliver([msg](CThostFtdcTraderSpi *spi) {
      if (msg->isTrade) {
        CThostFtdcTradeField t = msg->trade;
        spi->OnRtnTrade(&t);
      } else {
        CThostFtdcOrderField o = msg->order;
        spi->OnRtnOrder(&o);
      }
    });
  }
}

void World::PublishOrder(OrderRec *o) {
  auto msg = std::make_shared<PrivateMsg>();
  msg->order = o->f;
  Publish(o->account, msg);
}

void World::PublishTrade(Account *a, const CThostFtdcTradeField &t) {
  auto msg = std::make_shared<PrivateMsg>();
  msg->isTrade = true;
  msg->trade = t;
  Publish(a, msg);
}

/** After a login: RESTART replays the day's private flow from its start, RESUME from what this API saw, QUICK none. */
void World::ReplayFlow(TraderApiImpl *api, Account *a) {
  size_t from = a->flow.size();
  if (api->privateResume == THOST_TERT_RESTART) from = 0;
  else if (api->privateResume == THOST_TERT_RESUME) from = std::min(api->privateDelivered, a->flow.size());
  for (size_t i = from; i < a->flow.size(); i++) {
    auto msg = a->flow[i];
    api->Deliver([msg](CThostFtdcTraderSpi *spi) {
      if (msg->isTrade) {
        CThostFtdcTradeField t = msg->trade;
        spi->OnRtnTrade(&t);
      } else {
        CThostFtdcOrderField o = msg->order;
        spi->OnRtnOrder(&o);
      }
    });
  }
  api->privateDelivered = a->flow.size();
}

// ---- login ---------------------------------------------------------------------------------------------------------

int World::Authenticate(TraderApiImpl *api, const CThostFtdcReqAuthenticateField &req, int requestId) {
  auto lock = Lock();
  if (!api->connected) return -1;
  std::string broker = GetTrim(req.BrokerID), user = GetTrim(req.UserID);
  std::string appId = GetTrim(req.AppID), authCode = GetTrim(req.AuthCode);
  Account *a = FindAccount(broker, user);
  int err = 0;
  if (a && !a->autoOpened) err = (a->appId == appId && a->authCode == authCode) ? 0 : kErrAuthFailed;
  else if (!a && !autoOpen_) err = kErrAuthFailed;
  else if (appId.empty() || authCode.empty()) err = kErrAuthFailed;
  if (err == 0) {
    api->authenticated = true;
    api->authBroker = broker;
    api->authUser = user;
  }
  CThostFtdcRspAuthenticateField rsp{};
  Put(rsp.BrokerID, broker);
  Put(rsp.UserID, user);
  Put(rsp.UserProductInfo, Str(req.UserProductInfo));
  Put(rsp.AppID, appId);
  rsp.AppType = THOST_FTDC_APP_TYPE_Investor;
  CThostFtdcRspInfoField info;
  FillRspInfo(info, err);
  api->Deliver([rsp, info, requestId](CThostFtdcTraderSpi *spi) {
    auto r = rsp;
    auto i = info;
    spi->OnRspAuthenticate(&r, &i, requestId, true);
  });
  return 0;
}

int World::UserLogin(TraderApiImpl *api, const CThostFtdcReqUserLoginField &req, int requestId) {
  auto lock = Lock();
  loginAttempts_++;
  if (!api->connected) return -1;
  RollDayIfDue();
  std::string broker = GetTrim(req.BrokerID), user = GetTrim(req.UserID), password = Str(req.Password);
  int err = 0;
  Account *a = FindAccount(broker, user);
  if (!api->authenticated || api->authBroker != broker || api->authUser != user) {
    err = kErrNotAuthenticated;
  } else if (!a) {
    auto created = std::make_unique<Account>();
    created->broker = broker;
    created->user = user;
    created->password = password;
    created->autoOpened = true;
    created->preBalance = defaultBalance_;
    a = created.get();
    accounts_[broker + "\n" + user] = std::move(created);
  } else if (a->loginFailures >= kMaxLoginFailures) {
    err = kErrLoginForbidden;
  } else if (a->password != password) {
    a->loginFailures++;
    err = kErrInvalidLogin;
  } else if (static_cast<int>(SessionsOf(a).size()) >= kMaxSessionsPerUser) {
    err = kErrSessionLimit;
  }
  CThostFtdcRspUserLoginField rsp{};
  BeijingTime now = BeijingNow();
  Put(rsp.TradingDay, std::to_string(tradingDay_));
  Put(rsp.LoginTime, now.Hms());
  Put(rsp.BrokerID, broker);
  Put(rsp.UserID, user);
  Put(rsp.SystemName, TEXT_SYSTEM_NAME);
  for (char *t : {rsp.SHFETime, rsp.DCETime, rsp.CZCETime, rsp.FFEXTime, rsp.INETime, rsp.GFEXTime}) std::memcpy(t, now.Hms().c_str(), 9);
  Put(rsp.SysVersion, "ctp-sim v6.7.11");
  if (err == 0) {
    a->loginFailures = 0;
    if (api->account == nullptr) sessions_++;
    api->account = a;
    api->sessionId = ++nextSessionId_;
    api->maxOrderRef = 1;
    Put(api->tradingDay, std::to_string(tradingDay_));
    rsp.FrontID = api->frontId;
    rsp.SessionID = api->sessionId;
    Put(rsp.MaxOrderRef, std::to_string(api->maxOrderRef));
  }
  CThostFtdcRspInfoField info;
  FillRspInfo(info, err);
  api->Deliver([rsp, info, requestId](CThostFtdcTraderSpi *spi) {
    auto r = rsp;
    auto i = info;
    spi->OnRspUserLogin(&r, &i, requestId, true);
  });
  if (err == 0) ReplayFlow(api, a);
  return 0;
}

int World::UserLogout(TraderApiImpl *api, const CThostFtdcUserLogoutField &req, int requestId) {
  auto lock = Lock();
  if (!api->connected) return -1;
  CThostFtdcUserLogoutField rsp = req;
  CThostFtdcRspInfoField info;
  FillRspInfo(info, api->account ? 0 : kErrNotLoginYet);
  api->Deliver([rsp, info, requestId](CThostFtdcTraderSpi *spi) {
    auto r = rsp;
    auto i = info;
    spi->OnRspUserLogout(&r, &i, requestId, true);
  });
  // A logout ends the connection; the library then reconnects by itself.
  Drop(api, 0x1001);
  return 0;
}

int World::SettlementInfoConfirm(TraderApiImpl *api, const CThostFtdcSettlementInfoConfirmField &req, int requestId) {
  auto lock = Lock();
  if (!api->connected) return -1;
  CThostFtdcSettlementInfoConfirmField rsp = req;
  int err = api->account ? 0 : kErrNotLoginYet;
  if (err == 0 && GetTrim(req.InvestorID) != api->account->user) err = kErrInvestorNotFound;
  if (err == 0) {
    api->account->confirmedDay = tradingDay_;
    BeijingTime now = BeijingNow();
    Put(rsp.ConfirmDate, std::to_string(now.date));
    Put(rsp.ConfirmTime, now.Hms());
    rsp.SettlementID = 1;
    Put(rsp.AccountID, api->account->user);
    Put(rsp.CurrencyID, "CNY");
  }
  CThostFtdcRspInfoField info;
  FillRspInfo(info, err);
  api->Deliver([rsp, info, requestId](CThostFtdcTraderSpi *spi) {
    auto r = rsp;
    auto i = info;
    spi->OnRspSettlementInfoConfirm(&r, &i, requestId, true);
  });
  return 0;
}

// ---- orders --------------------------------------------------------------------------------------------------------

void World::RejectInsert(TraderApiImpl *api, const CThostFtdcInputOrderField &req, int requestId, int errorId) {
  CThostFtdcInputOrderField copy = req;
  CThostFtdcRspInfoField info;
  FillRspInfo(info, errorId);
  // A front reject answers twice: the response to the request, and the error return on the dialog flow.
  api->Deliver([copy, info, requestId](CThostFtdcTraderSpi *spi) {
    auto c = copy;
    auto i = info;
    spi->OnRspOrderInsert(&c, &i, requestId, true);
  });
  api->Deliver([copy, info](CThostFtdcTraderSpi *spi) {
    auto c = copy;
    auto i = info;
    spi->OnErrRtnOrderInsert(&c, &i);
  });
}

double World::MarginRate(const Instrument *ins, bool isLong) const { return isLong ? ins->product->marginLong : ins->product->marginShort; }

double World::CommissionOf(const Instrument *ins, char kind, double price, int volume) const {
  const ProductRow *p = ins->product;
  double rate = kind == 'o' ? p->commissionOpen : kind == 't' ? p->commissionCloseToday : p->commissionClose;
  return p->commissionByVolume ? rate * volume : rate * price * p->multiplier * volume;
}

double World::LastPrice(const Instrument *ins) const {
  if (ins->hasQuote && ValidPrice(ins->quote.LastPrice)) return ins->quote.LastPrice;
  return ins->preSettlement;
}

int World::OrderInsert(TraderApiImpl *api, const CThostFtdcInputOrderField &req, int requestId) {
  auto lock = Lock();
  lastOrderMicros = MonotonicMicros();
  orderInserts_++;
  if (!api->connected) return -1;
  Account *a = api->account;
  if (!a) return RejectInsert(api, req, requestId, kErrNotLoginYet), 0;
  if (a->confirmedDay != tradingDay_) return RejectInsert(api, req, requestId, kErrSettlementNotConfirmed), 0;
  if (GetTrim(req.InvestorID) != a->user || GetTrim(req.BrokerID) != a->broker) return RejectInsert(api, req, requestId, kErrInvestorNotFound), 0;

  std::string ref = GetTrim(req.OrderRef);
  long long refNum;
  if (ref.empty()) {
    refNum = api->maxOrderRef + 1;
    ref = std::to_string(refNum);
  } else {
    if (!AllDigits(ref)) return RejectInsert(api, req, requestId, kErrDuplicateOrderRef), 0;
    refNum = std::stoll(ref);
    // OrderRef must grow within a session: a repeat or a smaller one is a duplicate order.
    if (refNum <= api->maxOrderRef) return RejectInsert(api, req, requestId, kErrDuplicateOrderRef), 0;
  }
  // The reference is used up from here on, whatever the front's other checks say.
  api->maxOrderRef = refNum;

  Instrument *ins = FindInstrument(GetTrim(req.InstrumentID));
  if (!ins) return RejectInsert(api, req, requestId, kErrInstrumentNotFound), 0;
  std::string exchange = GetTrim(req.ExchangeID);
  if (!exchange.empty() && exchange != ins->product->exchange) return RejectInsert(api, req, requestId, kErrInstrumentNotFound), 0;
  const ProductRow *p = ins->product;

  char dir = req.Direction, off = req.CombOffsetFlag[0], hedge = req.CombHedgeFlag[0];
  char priceType = req.OrderPriceType, tc = req.TimeCondition, vc = req.VolumeCondition;
  int volume = req.VolumeTotalOriginal;
  bool bad = (dir != THOST_FTDC_D_Buy && dir != THOST_FTDC_D_Sell) ||
             (off != THOST_FTDC_OF_Open && off != THOST_FTDC_OF_Close && off != THOST_FTDC_OF_CloseToday && off != THOST_FTDC_OF_CloseYesterday) ||
             (hedge != THOST_FTDC_HF_Speculation && hedge != THOST_FTDC_HF_Arbitrage && hedge != THOST_FTDC_HF_Hedge) ||
             (tc != THOST_FTDC_TC_GFD && tc != THOST_FTDC_TC_IOC) ||
             (vc != THOST_FTDC_VC_AV && vc != THOST_FTDC_VC_MV && vc != THOST_FTDC_VC_CV) ||
             (vc == THOST_FTDC_VC_CV && tc != THOST_FTDC_TC_IOC) ||
             (vc == THOST_FTDC_VC_MV && (req.MinVolume <= 0 || req.MinVolume > volume)) || volume <= 0 ||
             req.ForceCloseReason != THOST_FTDC_FCC_NotForceClose;
  if (bad) return RejectInsert(api, req, requestId, kErrBadField), 0;
  if (req.ContingentCondition != THOST_FTDC_CC_Immediately) return RejectInsert(api, req, requestId, kErrUnsupported), 0;
  bool market = priceType == THOST_FTDC_OPT_AnyPrice;
  if (priceType != THOST_FTDC_OPT_LimitPrice && !market) return RejectInsert(api, req, requestId, kErrPriceTypeNotSupported), 0;
  if (market && !p->marketOrderAllowed) return RejectInsert(api, req, requestId, kErrPriceTypeNotSupported), 0;
  if (market && tc != THOST_FTDC_TC_IOC) return RejectInsert(api, req, requestId, kErrBadField), 0;
  if (!market && !(req.LimitPrice > 0 && std::isfinite(req.LimitPrice) && req.LimitPrice < DBL_MAX / 2)) return RejectInsert(api, req, requestId, kErrBadField), 0;

  // Positions a close may take: SHFE and INE keep today's and yesterday's apart; elsewhere a close takes
  // yesterday's lots first.
  bool buy = dir == THOST_FTDC_D_Buy;
  int frozenToday = 0, frozenYd = 0;
  PositionRec *pos = nullptr;
  if (!IsOpen(off)) {
    char posDir = buy ? THOST_FTDC_PD_Short : THOST_FTDC_PD_Long;
    auto it = a->positions.find({GetTrim(req.InstrumentID), posDir});
    pos = it == a->positions.end() ? nullptr : &it->second;
    int availToday = pos ? pos->today.volume - pos->frozenToday : 0;
    int availYd = pos ? pos->yd.volume - pos->frozenYd : 0;
    if (p->closeTodayDistinct) {
      if (off == THOST_FTDC_OF_CloseToday) {
        if (volume > availToday) return RejectInsert(api, req, requestId, kErrOverCloseToday), 0;
        frozenToday = volume;
      } else {
        if (volume > availYd) return RejectInsert(api, req, requestId, kErrOverCloseYesterday), 0;
        frozenYd = volume;
      }
    } else {
      if (volume > availToday + availYd) return RejectInsert(api, req, requestId, kErrOverClosePosition), 0;
      frozenYd = std::min(volume, availYd);
      frozenToday = volume - frozenYd;
    }
  }

  double marginPerLot = 0, feePerLot = 0;
  if (IsOpen(off)) {
    double ref = req.LimitPrice;
    if (market) {
      ref = ins->hasQuote ? (buy ? ins->quote.AskPrice1 : ins->quote.BidPrice1) : 0;
      if (!ValidPrice(ref) && ins->hasQuote) ref = buy ? ins->quote.UpperLimitPrice : ins->quote.LowerLimitPrice;
      if (!ValidPrice(ref)) ref = LastPrice(ins);
    }
    marginPerLot = ref * p->multiplier * MarginRate(ins, buy);
    feePerLot = CommissionOf(ins, 'o', ref, 1);
    if ((marginPerLot + feePerLot) * volume > Available(a) + kEps) return RejectInsert(api, req, requestId, kErrInsufficientMoney), 0;
  }

  if (faults_.rejectOrders > 0 && !faults_.rejectAtExchange) {
    faults_.rejectOrders--;
    return RejectInsert(api, req, requestId, faults_.rejectErrorId), 0;
  }

  // CTP accepts the order: it is the session's now, with status "unknown" until the exchange answers.
  auto rec = std::make_unique<OrderRec>();
  OrderRec *o = rec.get();
  o->account = a;
  o->working = true;
  o->frozenMargin = marginPerLot;
  o->frozenCommission = feePerLot;
  o->frozenToday = frozenToday;
  o->frozenYd = frozenYd;
  if (pos) {
    pos->frozenToday += frozenToday;
    pos->frozenYd += frozenYd;
  }
  CThostFtdcOrderField &f = o->f;
  BeijingTime now = BeijingNow();
  std::memcpy(f.BrokerID, req.BrokerID, sizeof f.BrokerID);
  std::memcpy(f.InvestorID, req.InvestorID, sizeof f.InvestorID);
  Put(f.OrderRef, ref);
  std::memcpy(f.UserID, req.UserID, sizeof f.UserID);
  f.OrderPriceType = priceType;
  f.Direction = dir;
  std::memcpy(f.CombOffsetFlag, req.CombOffsetFlag, sizeof f.CombOffsetFlag);
  std::memcpy(f.CombHedgeFlag, req.CombHedgeFlag, sizeof f.CombHedgeFlag);
  f.LimitPrice = req.LimitPrice;
  f.VolumeTotalOriginal = volume;
  f.TimeCondition = tc;
  std::memcpy(f.GTDDate, req.GTDDate, sizeof f.GTDDate);
  f.VolumeCondition = vc;
  f.MinVolume = req.MinVolume;
  f.ContingentCondition = req.ContingentCondition;
  f.StopPrice = req.StopPrice;
  f.ForceCloseReason = req.ForceCloseReason;
  f.IsAutoSuspend = req.IsAutoSuspend;
  std::memcpy(f.BusinessUnit, req.BusinessUnit, sizeof f.BusinessUnit);
  f.RequestID = requestId;
  Put(f.OrderLocalID, Padded(++localSeq_, 12));
  Put(f.ExchangeID, p->exchange);
  Put(f.ParticipantID, "9999");
  Put(f.ClientID, "9" + a->user);
  Put(f.TraderID, "ctpsim01");
  f.InstallID = 1;
  f.OrderSubmitStatus = THOST_FTDC_OSS_InsertSubmitted;
  f.NotifySequence = 1;
  Put(f.TradingDay, std::to_string(tradingDay_));
  f.SettlementID = 1;
  f.OrderSource = THOST_FTDC_OSRC_Participant;
  f.OrderStatus = THOST_FTDC_OST_Unknown;
  f.OrderType = THOST_FTDC_ORDT_Normal;
  f.VolumeTraded = 0;
  f.VolumeTotal = volume;
  Put(f.InsertDate, std::to_string(now.date));
  Put(f.InsertTime, now.Hms());
  f.SequenceNo = static_cast<int>(++sequenceNo_);
  f.FrontID = api->frontId;
  f.SessionID = api->sessionId;
  Put(f.StatusMsg, TEXT_STATUS_SUBMITTED);
  f.UserForceClose = req.UserForceClose;
  f.BrokerOrderSeq = static_cast<int>(localSeq_);
  f.IsSwapOrder = req.IsSwapOrder;
  std::memcpy(f.InvestUnitID, req.InvestUnitID, sizeof f.InvestUnitID);
  Put(f.AccountID, GetTrim(req.AccountID).empty() ? a->user : GetTrim(req.AccountID));
  Put(f.CurrencyID, "CNY");
  std::memcpy(f.MacAddress, req.MacAddress, sizeof f.MacAddress);
  Put(f.InstrumentID, GetTrim(req.InstrumentID));
  Put(f.ExchangeInstID, GetTrim(req.InstrumentID));
  std::memcpy(f.IPAddress, req.IPAddress, sizeof f.IPAddress);
  std::memcpy(f.OrderMemo, req.OrderMemo, sizeof f.OrderMemo);
  f.SessionReqSeq = req.SessionReqSeq;
  a->orders.push_back(std::move(rec));
  PublishOrder(o);

  // The exchange's checks.
  if (faults_.rejectOrders > 0 && faults_.rejectAtExchange) {
    faults_.rejectOrders--;
    ExchangeReject(o, TEXT_REJECT_BY_CONTROL);
    return 0;
  }
  if (!market && !OnTick(req.LimitPrice, p->priceTick)) return ExchangeReject(o, TEXT_REJECT_PRICE_TICK), 0;
  if (!market && ins->hasQuote) {
    const auto &q = ins->quote;
    if ((ValidPrice(q.UpperLimitPrice) && req.LimitPrice > q.UpperLimitPrice + kEps) ||
        (ValidPrice(q.LowerLimitPrice) && req.LimitPrice < q.LowerLimitPrice - kEps))
      return ExchangeReject(o, TEXT_REJECT_PRICE_LIMIT), 0;
  }
  if (volume > (market ? p->maxMarketOrderVolume : p->maxLimitOrderVolume)) return ExchangeReject(o, TEXT_REJECT_VOLUME), 0;
  Put(f.OrderSysID, Padded(++orderSeq_, 12));
  f.OrderSubmitStatus = THOST_FTDC_OSS_Accepted;
  MatchOnArrival(o, ins);
  return 0;
}

void World::ReleaseFrozen(OrderRec *o, int volume) {
  (void)volume;
  if (!IsOpen(o->f.CombOffsetFlag[0])) {
    char posDir = o->f.Direction == THOST_FTDC_D_Buy ? THOST_FTDC_PD_Short : THOST_FTDC_PD_Long;
    auto it = o->account->positions.find({GetTrim(o->f.InstrumentID), posDir});
    if (it != o->account->positions.end()) {
      it->second.frozenToday -= o->frozenToday;
      it->second.frozenYd -= o->frozenYd;
    }
  }
  o->frozenToday = o->frozenYd = 0;
}

void World::ExchangeReject(OrderRec *o, const char *gbkText) {
  o->working = false;
  ReleaseFrozen(o, o->f.VolumeTotal);
  o->f.OrderSubmitStatus = THOST_FTDC_OSS_InsertRejected;
  o->f.OrderStatus = THOST_FTDC_OST_Canceled;
  Put(o->f.StatusMsg, gbkText);
  Put(o->f.CancelTime, BeijingNow().Hms());
  PublishOrder(o);
}

void World::EndOrder(OrderRec *o, char status, const char *gbkText) {
  o->working = false;
  Instrument *ins = FindInstrument(GetTrim(o->f.InstrumentID));
  if (ins) ins->book.erase(std::remove(ins->book.begin(), ins->book.end(), o), ins->book.end());
  ReleaseFrozen(o, o->f.VolumeTotal);
  o->f.OrderStatus = status;
  Put(o->f.StatusMsg, gbkText);
  Put(o->f.CancelTime, BeijingNow().Hms());
  Put(o->f.UpdateTime, BeijingNow().Hms());
  PublishOrder(o);
}

/** The opposite side's levels an order can take now, best first; a dry run takes nothing. */
std::vector<World::Fill> World::TakeLiquidity(OrderRec *o, Instrument *ins, bool atOwnPrice) {
  std::vector<Fill> fills;
  if (!ins->hasQuote) return fills;
  bool buy = o->f.Direction == THOST_FTDC_D_Buy;
  bool market = o->f.OrderPriceType == THOST_FTDC_OPT_AnyPrice;
  int remaining = o->f.VolumeTotal;
  for (int i = 0; i < 5 && remaining > 0; i++) {
    double price = buy ? *AskPrices(ins->quote, i) : *BidPrices(ins->quote, i);
    int volume = buy ? AskVolume(ins->quote, i) : BidVolume(ins->quote, i);
    int &taken = buy ? ins->takenAsk[i] : ins->takenBid[i];
    if (!ValidPrice(price) || volume <= 0) break;
    if (!market && (buy ? price > o->f.LimitPrice + kEps : price < o->f.LimitPrice - kEps)) break;
    int free = volume - taken;
    if (free <= 0) continue;
    int take = std::min(remaining, free);
    fills.push_back({atOwnPrice ? o->f.LimitPrice : price, take});
    remaining -= take;
  }
  return fills;
}

void World::MatchOnArrival(OrderRec *o, Instrument *ins) {
  bool ioc = o->f.TimeCondition == THOST_FTDC_TC_IOC;
  bool market = o->f.OrderPriceType == THOST_FTDC_OPT_AnyPrice;
  std::vector<Fill> fills = TakeLiquidity(o, ins, false);
  int available = 0;
  for (const Fill &f : fills) available += f.volume;
  if (market && fills.empty()) return EndOrder(o, THOST_FTDC_OST_Canceled, TEXT_STATUS_MARKET_NO_QUOTE);
  if (o->f.VolumeCondition == THOST_FTDC_VC_CV && available < o->f.VolumeTotal) return EndOrder(o, THOST_FTDC_OST_Canceled, TEXT_STATUS_FOK_CANCELLED);
  if (o->f.VolumeCondition == THOST_FTDC_VC_MV && available < o->f.MinVolume) return EndOrder(o, THOST_FTDC_OST_Canceled, TEXT_STATUS_IOC_CANCELLED);
  if (fills.empty()) {
    if (ioc) return EndOrder(o, THOST_FTDC_OST_Canceled, TEXT_STATUS_IOC_CANCELLED);
    o->f.OrderStatus = THOST_FTDC_OST_NoTradeQueueing;
    Put(o->f.StatusMsg, TEXT_STATUS_QUEUEING);
    ins->book.push_back(o);
    PublishOrder(o);
    return;
  }
  int left = o->f.VolumeTotal;
  for (size_t i = 0; i < fills.size(); i++) {
    left -= fills[i].volume;
    bool last = i + 1 == fills.size();
    char status = left == 0 ? THOST_FTDC_OST_AllTraded : (ioc && last) ? THOST_FTDC_OST_Canceled : THOST_FTDC_OST_PartTradedQueueing;
    const char *text = left == 0 ? TEXT_STATUS_ALL_TRADED : (ioc && last) ? TEXT_STATUS_IOC_CANCELLED : TEXT_STATUS_PART_TRADED;
    ApplyFill(o, ins, fills[i].price, fills[i].volume, status, text);
  }
  if (o->working) ins->book.push_back(o);
}

void World::MatchResting(Instrument *ins) {
  std::vector<OrderRec *> book = ins->book;
  for (OrderRec *o : book) {
    if (!o->working) continue;
    std::vector<Fill> fills = TakeLiquidity(o, ins, true);
    for (const Fill &f : fills) {
      bool all = f.volume == o->f.VolumeTotal;
      ApplyFill(o, ins, f.price, f.volume, all ? THOST_FTDC_OST_AllTraded : THOST_FTDC_OST_PartTradedQueueing,
                all ? TEXT_STATUS_ALL_TRADED : TEXT_STATUS_PART_TRADED);
    }
  }
  ins->book.erase(std::remove_if(ins->book.begin(), ins->book.end(), [](OrderRec *o) { return !o->working; }), ins->book.end());
}

/** One fill: the order's new state (OnRtnOrder), then the trade (OnRtnTrade), as CTP reports them. */
void World::ApplyFill(OrderRec *o, Instrument *ins, double price, int volume, char statusAfter, const char *statusMsg) {
  Account *a = o->account;
  const ProductRow *p = ins->product;
  bool buy = o->f.Direction == THOST_FTDC_D_Buy;
  char off = o->f.CombOffsetFlag[0];
  double mult = p->multiplier;
  // Mark the levels taken so a later order does not fill against the same volume of this snapshot.
  int rest = volume;
  for (int i = 0; i < 5 && rest > 0; i++) {
    double lp = buy ? *AskPrices(ins->quote, i) : *BidPrices(ins->quote, i);
    int lv = buy ? AskVolume(ins->quote, i) : BidVolume(ins->quote, i);
    int &taken = buy ? ins->takenAsk[i] : ins->takenBid[i];
    if (!ValidPrice(lp) || lv <= 0) break;
    int take = std::min(rest, lv - taken);
    if (take <= 0) continue;
    taken += take;
    rest -= take;
  }

  double commission = 0;
  if (IsOpen(off)) {
    char posDir = buy ? THOST_FTDC_PD_Long : THOST_FTDC_PD_Short;
    PositionRec &pos = a->positions[{GetTrim(o->f.InstrumentID), posDir}];
    pos.instrument = GetTrim(o->f.InstrumentID);
    pos.direction = posDir;
    pos.today.volume += volume;
    pos.today.cost += price * mult * volume;
    pos.today.openCost += price * mult * volume;
    pos.today.margin += price * mult * volume * MarginRate(ins, buy);
    pos.openVolume += volume;
    pos.openAmount += price * mult * volume;
    commission = CommissionOf(ins, 'o', price, volume);
    pos.commission += commission;
  } else {
    char posDir = buy ? THOST_FTDC_PD_Short : THOST_FTDC_PD_Long;
    PositionRec &pos = a->positions[{GetTrim(o->f.InstrumentID), posDir}];
    bool isLong = posDir == THOST_FTDC_PD_Long;
    int ydPart = std::min(volume, o->frozenYd);
    int todayPart = volume - ydPart;
    double profit = 0;
    auto close = [&](PositionBucket &b, int lots) {
      if (lots <= 0 || b.volume <= 0) return;
      double cost = b.cost / b.volume * lots;
      double open = b.openCost / b.volume * lots;
      double margin = b.margin / b.volume * lots;
      profit += (price * mult * lots - cost) * (isLong ? 1 : -1);
      b.volume -= lots;
      b.cost -= cost;
      b.openCost -= open;
      b.margin -= margin;
    };
    close(pos.yd, ydPart);
    close(pos.today, todayPart);
    pos.frozenYd -= ydPart;
    pos.frozenToday -= todayPart;
    o->frozenYd -= ydPart;
    o->frozenToday -= todayPart;
    commission = CommissionOf(ins, 'c', price, ydPart) + CommissionOf(ins, 't', price, todayPart);
    pos.closeVolume += volume;
    pos.closeAmount += price * mult * volume;
    pos.closeProfit += profit;
    pos.commission += commission;
    a->closeProfit += profit;
  }
  a->commission += commission;

  BeijingTime now = BeijingNow();
  o->f.VolumeTraded += volume;
  o->f.VolumeTotal -= volume;
  o->f.OrderStatus = statusAfter;
  Put(o->f.StatusMsg, statusMsg);
  Put(o->f.UpdateTime, now.Hms());
  if (statusAfter == THOST_FTDC_OST_AllTraded || statusAfter == THOST_FTDC_OST_Canceled) {
    o->working = false;
    ReleaseFrozen(o, o->f.VolumeTotal);
    if (statusAfter == THOST_FTDC_OST_Canceled) Put(o->f.CancelTime, now.Hms());
  }
  PublishOrder(o);

  CThostFtdcTradeField t{};
  std::memcpy(t.BrokerID, o->f.BrokerID, sizeof t.BrokerID);
  std::memcpy(t.InvestorID, o->f.InvestorID, sizeof t.InvestorID);
  std::memcpy(t.OrderRef, o->f.OrderRef, sizeof t.OrderRef);
  std::memcpy(t.UserID, o->f.UserID, sizeof t.UserID);
  std::memcpy(t.ExchangeID, o->f.ExchangeID, sizeof t.ExchangeID);
  Put(t.TradeID, Padded(++tradeSeq_, 12));
  t.Direction = o->f.Direction;
  std::memcpy(t.OrderSysID, o->f.OrderSysID, sizeof t.OrderSysID);
  std::memcpy(t.ParticipantID, o->f.ParticipantID, sizeof t.ParticipantID);
  std::memcpy(t.ClientID, o->f.ClientID, sizeof t.ClientID);
  t.TradingRole = THOST_FTDC_ER_Broker;
  t.OffsetFlag = off;
  t.HedgeFlag = o->f.CombHedgeFlag[0];
  t.Price = price;
  t.Volume = volume;
  Put(t.TradeDate, std::to_string(now.date));
  Put(t.TradeTime, now.Hms());
  t.TradeType = THOST_FTDC_TRDT_Common;
  t.PriceSource = THOST_FTDC_PSRC_LastPrice;
  std::memcpy(t.TraderID, o->f.TraderID, sizeof t.TraderID);
  std::memcpy(t.OrderLocalID, o->f.OrderLocalID, sizeof t.OrderLocalID);
  std::memcpy(t.BusinessUnit, o->f.BusinessUnit, sizeof t.BusinessUnit);
  t.SequenceNo = static_cast<int>(++sequenceNo_);
  Put(t.TradingDay, std::to_string(tradingDay_));
  t.SettlementID = 1;
  t.BrokerOrderSeq = o->f.BrokerOrderSeq;
  t.TradeSource = THOST_FTDC_TSRC_NORMAL;
  std::memcpy(t.InvestUnitID, o->f.InvestUnitID, sizeof t.InvestUnitID);
  std::memcpy(t.InstrumentID, o->f.InstrumentID, sizeof t.InstrumentID);
  std::memcpy(t.ExchangeInstID, o->f.ExchangeInstID, sizeof t.ExchangeInstID);
  a->trades.push_back(t);
  PublishTrade(a, t);
}

void World::RejectAction(TraderApiImpl *api, const CThostFtdcInputOrderActionField &req, int requestId, int errorId) {
  CThostFtdcInputOrderActionField copy = req;
  CThostFtdcRspInfoField info;
  FillRspInfo(info, errorId);
  CThostFtdcOrderActionField action{};
  std::memcpy(action.BrokerID, req.BrokerID, sizeof action.BrokerID);
  std::memcpy(action.InvestorID, req.InvestorID, sizeof action.InvestorID);
  action.OrderActionRef = req.OrderActionRef;
  std::memcpy(action.OrderRef, req.OrderRef, sizeof action.OrderRef);
  action.RequestID = requestId;
  action.FrontID = req.FrontID;
  action.SessionID = req.SessionID;
  std::memcpy(action.ExchangeID, req.ExchangeID, sizeof action.ExchangeID);
  std::memcpy(action.OrderSysID, req.OrderSysID, sizeof action.OrderSysID);
  action.ActionFlag = req.ActionFlag;
  action.LimitPrice = req.LimitPrice;
  action.VolumeChange = req.VolumeChange;
  BeijingTime now = BeijingNow();
  Put(action.ActionDate, std::to_string(now.date));
  Put(action.ActionTime, now.Hms());
  action.OrderActionStatus = THOST_FTDC_OAS_Rejected;
  std::memcpy(action.UserID, req.UserID, sizeof action.UserID);
  std::memcpy(action.StatusMsg, info.ErrorMsg, sizeof info.ErrorMsg);
  std::memcpy(action.InvestUnitID, req.InvestUnitID, sizeof action.InvestUnitID);
  std::memcpy(action.MacAddress, req.MacAddress, sizeof action.MacAddress);
  std::memcpy(action.InstrumentID, req.InstrumentID, sizeof action.InstrumentID);
  std::memcpy(action.IPAddress, req.IPAddress, sizeof action.IPAddress);
  std::memcpy(action.OrderMemo, req.OrderMemo, sizeof action.OrderMemo);
  api->Deliver([copy, info, requestId](CThostFtdcTraderSpi *spi) {
    auto c = copy;
    auto i = info;
    spi->OnRspOrderAction(&c, &i, requestId, true);
  });
  api->Deliver([action, info](CThostFtdcTraderSpi *spi) {
    auto c = action;
    auto i = info;
    spi->OnErrRtnOrderAction(&c, &i);
  });
}

int World::OrderAction(TraderApiImpl *api, const CThostFtdcInputOrderActionField &req, int requestId) {
  auto lock = Lock();
  if (!api->connected) return -1;
  Account *a = api->account;
  if (!a) return RejectAction(api, req, requestId, kErrNotLoginYet), 0;
  if (req.ActionFlag != THOST_FTDC_AF_Delete) return RejectAction(api, req, requestId, kErrBadOrderActionField), 0;
  std::string sys = GetTrim(req.OrderSysID), exchange = GetTrim(req.ExchangeID), ref = GetTrim(req.OrderRef);
  if (sys.empty() && ref.empty()) return RejectAction(api, req, requestId, kErrBadOrderActionField), 0;
  OrderRec *found = nullptr;
  for (auto &o : a->orders) {
    bool match = !sys.empty() ? (GetTrim(o->f.OrderSysID) == sys && (exchange.empty() || GetTrim(o->f.ExchangeID) == exchange))
                              : (o->f.FrontID == req.FrontID && o->f.SessionID == req.SessionID && GetTrim(o->f.OrderRef) == ref);
    if (match) {
      found = o.get();
      break;
    }
  }
  if (!found) return RejectAction(api, req, requestId, kErrOrderNotFound), 0;
  if (!found->working) return RejectAction(api, req, requestId, kErrInsuitableOrderStatus), 0;
  EndOrder(found, THOST_FTDC_OST_Canceled, TEXT_STATUS_CANCELLED);
  return 0;
}

// ---- queries -------------------------------------------------------------------------------------------------------

int World::Query(TraderApiImpl *api, int requestId, const std::function<void(TraderApiImpl *, int)> &answer) {
  auto lock = Lock();
  if (!api->connected) return -1;
  // The API's own limits, before anything is sent: one query in flight, QryFreq per second.
  if (api->queryInFlight) return queryRefusals_++, -2;
  long long now = MonotonicMicros();
  while (!api->queryTimes.empty() && now - api->queryTimes.front() >= 1000000) api->queryTimes.pop_front();
  if (queryPerSecond_ > 0 && static_cast<int>(api->queryTimes.size()) >= queryPerSecond_) return queryRefusals_++, -3;
  api->queryTimes.push_back(now);
  api->queryInFlight = true;
  queries_++;
  int err = !api->account ? kErrNotLoginYet : faults_.failQueries > 0 ? kErrNeedRetry : 0;
  if (err == kErrNeedRetry) faults_.failQueries--;
  if (err) {
    CThostFtdcRspInfoField info;
    FillRspInfo(info, err);
    api->RunAfter(queryLatencyMs_, [api, info, requestId] {
      api->queryInFlight = false;
      if (CThostFtdcTraderSpi *spi = api->spi()) {
        auto i = info;
        spi->OnRspError(&i, requestId, true);
      }
    });
    return 0;
  }
  answer(api, requestId);
  return 0;
}

void World::AddRow(std::vector<std::function<void(CThostFtdcTraderSpi *, bool)>> &rows, std::function<void(CThostFtdcTraderSpi *, bool)> row) {
  rows.push_back(std::move(row));
}

/** A query's rows, one callback each, bIsLast on the last; no rows: one callback with NULL data. */
void World::DeliverRows(TraderApiImpl *api, std::vector<std::function<void(CThostFtdcTraderSpi *, bool)>> rows,
                        std::function<void(CThostFtdcTraderSpi *)> empty) {
  int latency = queryLatencyMs_;
  if (rows.empty()) {
    api->RunAfter(latency, [api, empty] {
      api->queryInFlight = false;
      if (CThostFtdcTraderSpi *spi = api->spi()) empty(spi);
    });
    return;
  }
  for (size_t i = 0; i < rows.size(); i++) {
    bool last = i + 1 == rows.size();
    api->RunAfter(latency, [api, row = std::move(rows[i]), last] {
      // Cleared before the callback, so that a client may send its next query from inside it.
      if (last) api->queryInFlight = false;
      if (CThostFtdcTraderSpi *spi = api->spi()) row(spi, last);
    });
  }
}

using Rows = std::vector<std::function<void(CThostFtdcTraderSpi *, bool)>>;

void World::QrySettlementInfo(TraderApiImpl *api, const CThostFtdcQrySettlementInfoField &req, int requestId) {
  (void)req;
  Account *a = api->account;
  CThostFtdcTradingAccountField acct;
  AccountFields(a, acct);
  std::string text = std::string(TEXT_SETTLEMENT_TITLE) + "\n" + TEXT_SETTLEMENT_ACCOUNT + ": " + a->user + "\n" + TEXT_SETTLEMENT_BALANCE + ": " +
                     Money(acct.Balance) + "\n" + TEXT_SETTLEMENT_AVAILABLE + ": " + Money(acct.Available) + "\n" + TEXT_SETTLEMENT_MARGIN + ": " +
                     Money(acct.CurrMargin) + "\n";
  for (int i = 0; i < 4; i++) text += std::string(TEXT_SETTLEMENT_NOTE) + "\n";
  Rows rows;
  int prevDay = PrevTradingDay(tradingDay_);
  // Content holds 500 bytes of the statement: a GBK character may be split between two records, as on a real front.
  for (size_t off = 0, seq = 1; off < text.size(); off += 500, seq++) {
    CThostFtdcSettlementInfoField f{};
    Put(f.TradingDay, std::to_string(prevDay));
    f.SettlementID = 1;
    Put(f.BrokerID, a->broker);
    Put(f.InvestorID, a->user);
    f.SequenceNo = static_cast<int>(seq);
    std::string chunk = text.substr(off, 500);
    std::memcpy(f.Content, chunk.data(), chunk.size());
    Put(f.AccountID, a->user);
    Put(f.CurrencyID, "CNY");
    AddRow(rows, [f, requestId](CThostFtdcTraderSpi *spi, bool last) {
      auto c = f;
      CThostFtdcRspInfoField ok{};
      spi->OnRspQrySettlementInfo(&c, &ok, requestId, last);
    });
  }
  DeliverRows(api, std::move(rows), [requestId](CThostFtdcTraderSpi *spi) { spi->OnRspQrySettlementInfo(nullptr, nullptr, requestId, true); });
}

void World::QryInstrument(TraderApiImpl *api, const CThostFtdcQryInstrumentField &req, int requestId) {
  std::string id = GetTrim(req.InstrumentID), exchange = GetTrim(req.ExchangeID), product = GetTrim(req.ProductID);
  Rows rows;
  for (auto &entry : instruments_) {
    const Instrument &ins = entry.second;
    if (!id.empty() && entry.first != id) continue;
    if (!exchange.empty() && exchange != ins.product->exchange) continue;
    if (!product.empty() && product != ins.product->product) continue;
    CThostFtdcInstrumentField f = ins.field;
    AddRow(rows, [f, requestId](CThostFtdcTraderSpi *spi, bool last) {
      auto c = f;
      spi->OnRspQryInstrument(&c, nullptr, requestId, last);
    });
  }
  DeliverRows(api, std::move(rows), [requestId](CThostFtdcTraderSpi *spi) { spi->OnRspQryInstrument(nullptr, nullptr, requestId, true); });
}

double World::PositionProfit(const Account *a) const {
  double sum = 0;
  for (const auto &entry : a->positions) {
    const PositionRec &p = entry.second;
    auto it = instruments_.find(p.instrument);
    if (it == instruments_.end()) continue;
    double last = LastPrice(&it->second);
    if (last <= 0) continue;
    double mult = it->second.product->multiplier;
    int sign = p.direction == THOST_FTDC_PD_Long ? 1 : -1;
    sum += (last * mult * p.today.volume - p.today.cost) * sign + (last * mult * p.yd.volume - p.yd.cost) * sign;
  }
  return sum;
}

double World::CurrMargin(const Account *a) const {
  double sum = 0;
  for (const auto &entry : a->positions) sum += entry.second.today.margin + entry.second.yd.margin;
  return sum;
}

double World::FrozenMargin(const Account *a) const {
  double sum = 0;
  for (const auto &o : a->orders)
    if (o->working && IsOpen(o->f.CombOffsetFlag[0])) sum += o->frozenMargin * o->f.VolumeTotal;
  return sum;
}

double World::FrozenCommission(const Account *a) const {
  double sum = 0;
  for (const auto &o : a->orders)
    if (o->working && IsOpen(o->f.CombOffsetFlag[0])) sum += o->frozenCommission * o->f.VolumeTotal;
  return sum;
}

double World::Available(const Account *a) const {
  double balance = a->preBalance + a->deposit - a->withdraw + a->closeProfit + PositionProfit(a) - a->commission;
  return balance - CurrMargin(a) - FrozenMargin(a) - FrozenCommission(a);
}

void World::AccountFields(Account *a, CThostFtdcTradingAccountField &f) {
  std::memset(&f, 0, sizeof f);
  Put(f.BrokerID, a->broker);
  Put(f.AccountID, a->user);
  f.PreBalance = a->preBalance;
  f.Deposit = a->deposit;
  f.Withdraw = a->withdraw;
  f.FrozenMargin = FrozenMargin(a);
  f.FrozenCommission = FrozenCommission(a);
  f.CurrMargin = CurrMargin(a);
  f.ExchangeMargin = f.CurrMargin;
  f.Commission = a->commission;
  f.CloseProfit = a->closeProfit;
  f.PositionProfit = PositionProfit(a);
  f.Balance = a->preBalance + a->deposit - a->withdraw + a->closeProfit + f.PositionProfit - a->commission;
  f.Available = f.Balance - f.CurrMargin - f.FrozenMargin - f.FrozenCommission;
  f.WithdrawQuota = std::max(0.0, f.Available);
  Put(f.TradingDay, std::to_string(tradingDay_));
  f.SettlementID = 1;
  Put(f.CurrencyID, "CNY");
  f.BizType = THOST_FTDC_BZTP_Future;
}

void World::QryTradingAccount(TraderApiImpl *api, const CThostFtdcQryTradingAccountField &req, int requestId) {
  (void)req;
  CThostFtdcTradingAccountField f;
  AccountFields(api->account, f);
  Rows rows;
  AddRow(rows, [f, requestId](CThostFtdcTraderSpi *spi, bool last) {
    auto c = f;
    CThostFtdcRspInfoField ok{};
    spi->OnRspQryTradingAccount(&c, &ok, requestId, last);
  });
  DeliverRows(api, std::move(rows), nullptr);
}

void World::QryInvestorPosition(TraderApiImpl *api, const CThostFtdcQryInvestorPositionField &req, int requestId) {
  Account *a = api->account;
  std::string id = GetTrim(req.InstrumentID);
  Rows rows;
  for (auto &entry : a->positions) {
    const PositionRec &p = entry.second;
    if (!id.empty() && p.instrument != id) continue;
    Instrument *ins = FindInstrument(p.instrument);
    if (!ins) continue;
    double mult = ins->product->multiplier;
    double last = LastPrice(ins);
    int sign = p.direction == THOST_FTDC_PD_Long ? 1 : -1;
    bool isLong = p.direction == THOST_FTDC_PD_Long;
    auto row = [&](char date, int ydStatic, const PositionBucket &b, int todayPosition, int frozen, bool withDayFigures) {
      CThostFtdcInvestorPositionField f{};
      Put(f.BrokerID, a->broker);
      Put(f.InvestorID, a->user);
      f.PosiDirection = p.direction;
      f.HedgeFlag = THOST_FTDC_HF_Speculation;
      f.PositionDate = date;
      f.YdPosition = ydStatic;
      f.Position = b.volume;
      // A long position is closed by sells: its frozen lots show as ShortFrozen, and the other way round.
      if (isLong) f.ShortFrozen = frozen;
      else f.LongFrozen = frozen;
      f.PositionCost = b.cost;
      f.OpenCost = b.openCost;
      f.UseMargin = b.margin;
      f.ExchangeMargin = b.margin;
      f.PositionProfit = last > 0 ? (last * mult * b.volume - b.cost) * sign : 0;
      if (withDayFigures) {
        f.OpenVolume = p.openVolume;
        f.CloseVolume = p.closeVolume;
        f.OpenAmount = p.openAmount;
        f.CloseAmount = p.closeAmount;
        f.CloseProfit = p.closeProfit;
        f.CloseProfitByDate = p.closeProfit;
        f.CloseProfitByTrade = p.closeProfit;
        f.Commission = p.commission;
      }
      f.PreSettlementPrice = ins->preSettlement;
      f.SettlementPrice = last;
      Put(f.TradingDay, std::to_string(tradingDay_));
      f.SettlementID = 1;
      f.TodayPosition = todayPosition;
      f.MarginRateByMoney = MarginRate(ins, isLong);
      Put(f.ExchangeID, ins->product->exchange);
      Put(f.InstrumentID, p.instrument);
      AddRow(rows, [f, requestId](CThostFtdcTraderSpi *spi, bool last) {
        auto c = f;
        CThostFtdcRspInfoField ok{};
        spi->OnRspQryInvestorPosition(&c, &ok, requestId, last);
      });
    };
    if (ins->product->closeTodayDistinct) {
      // SHFE and INE: yesterday's and today's lots are separate records.
      if (p.ydStatic > 0 || p.yd.volume > 0) row(THOST_FTDC_PSD_History, p.ydStatic, p.yd, 0, p.frozenYd, false);
      if (p.today.volume > 0 || p.openVolume > 0) row(THOST_FTDC_PSD_Today, 0, p.today, p.today.volume, p.frozenToday, true);
    } else {
      PositionBucket both;
      both.volume = p.total();
      both.cost = p.today.cost + p.yd.cost;
      both.openCost = p.today.openCost + p.yd.openCost;
      both.margin = p.today.margin + p.yd.margin;
      if (both.volume > 0 || p.ydStatic > 0 || p.openVolume > 0) row(THOST_FTDC_PSD_Today, p.ydStatic, both, p.today.volume, p.frozenToday + p.frozenYd, true);
    }
  }
  DeliverRows(api, std::move(rows), [requestId](CThostFtdcTraderSpi *spi) { spi->OnRspQryInvestorPosition(nullptr, nullptr, requestId, true); });
}

void World::QryInvestorPositionDetail(TraderApiImpl *api, const CThostFtdcQryInvestorPositionDetailField &req, int requestId) {
  Account *a = api->account;
  std::string id = GetTrim(req.InstrumentID);
  Rows rows;
  for (auto &entry : a->positions) {
    const PositionRec &p = entry.second;
    if (!id.empty() && p.instrument != id) continue;
    Instrument *ins = FindInstrument(p.instrument);
    if (!ins) continue;
    double mult = ins->product->multiplier;
    for (int today = 0; today < 2; today++) {
      const PositionBucket &b = today ? p.today : p.yd;
      if (b.volume <= 0) continue;
      CThostFtdcInvestorPositionDetailField f{};
      Put(f.BrokerID, a->broker);
      Put(f.InvestorID, a->user);
      f.HedgeFlag = THOST_FTDC_HF_Speculation;
      f.Direction = p.direction == THOST_FTDC_PD_Long ? THOST_FTDC_D_Buy : THOST_FTDC_D_Sell;
      Put(f.OpenDate, std::to_string(today ? tradingDay_ : PrevTradingDay(tradingDay_)));
      f.Volume = b.volume;
      f.OpenPrice = b.openCost / (mult * b.volume);
      Put(f.TradingDay, std::to_string(tradingDay_));
      f.SettlementID = 1;
      f.TradeType = THOST_FTDC_TRDT_Common;
      Put(f.ExchangeID, ins->product->exchange);
      f.Margin = b.margin;
      f.ExchMargin = b.margin;
      f.MarginRateByMoney = MarginRate(ins, p.direction == THOST_FTDC_PD_Long);
      f.LastSettlementPrice = ins->preSettlement;
      f.SettlementPrice = LastPrice(ins);
      f.SpecPosiType = THOST_FTDC_SPOST_Common;
      Put(f.InstrumentID, p.instrument);
      AddRow(rows, [f, requestId](CThostFtdcTraderSpi *spi, bool last) {
        auto c = f;
        CThostFtdcRspInfoField ok{};
        spi->OnRspQryInvestorPositionDetail(&c, &ok, requestId, last);
      });
    }
  }
  DeliverRows(api, std::move(rows), [requestId](CThostFtdcTraderSpi *spi) { spi->OnRspQryInvestorPositionDetail(nullptr, nullptr, requestId, true); });
}

void World::QryOrder(TraderApiImpl *api, const CThostFtdcQryOrderField &req, int requestId) {
  std::string id = GetTrim(req.InstrumentID), exchange = GetTrim(req.ExchangeID), sys = GetTrim(req.OrderSysID);
  Rows rows;
  for (auto &o : api->account->orders) {
    if (!id.empty() && GetTrim(o->f.InstrumentID) != id) continue;
    if (!exchange.empty() && GetTrim(o->f.ExchangeID) != exchange) continue;
    if (!sys.empty() && GetTrim(o->f.OrderSysID) != sys) continue;
    CThostFtdcOrderField f = o->f;
    AddRow(rows, [f, requestId](CThostFtdcTraderSpi *spi, bool last) {
      auto c = f;
      CThostFtdcRspInfoField ok{};
      spi->OnRspQryOrder(&c, &ok, requestId, last);
    });
  }
  DeliverRows(api, std::move(rows), [requestId](CThostFtdcTraderSpi *spi) { spi->OnRspQryOrder(nullptr, nullptr, requestId, true); });
}

void World::QryTrade(TraderApiImpl *api, const CThostFtdcQryTradeField &req, int requestId) {
  std::string id = GetTrim(req.InstrumentID), exchange = GetTrim(req.ExchangeID), tradeId = GetTrim(req.TradeID);
  Rows rows;
  for (const auto &t : api->account->trades) {
    if (!id.empty() && GetTrim(t.InstrumentID) != id) continue;
    if (!exchange.empty() && GetTrim(t.ExchangeID) != exchange) continue;
    if (!tradeId.empty() && GetTrim(t.TradeID) != tradeId) continue;
    CThostFtdcTradeField f = t;
    AddRow(rows, [f, requestId](CThostFtdcTraderSpi *spi, bool last) {
      auto c = f;
      CThostFtdcRspInfoField ok{};
      spi->OnRspQryTrade(&c, &ok, requestId, last);
    });
  }
  DeliverRows(api, std::move(rows), [requestId](CThostFtdcTraderSpi *spi) { spi->OnRspQryTrade(nullptr, nullptr, requestId, true); });
}

void World::QryInstrumentMarginRate(TraderApiImpl *api, const CThostFtdcQryInstrumentMarginRateField &req, int requestId) {
  Account *a = api->account;
  std::string id = GetTrim(req.InstrumentID);
  std::vector<std::string> ids;
  if (!id.empty()) {
    if (FindInstrument(id)) ids.push_back(id);
  } else {
    // Without an instrument a real front answers for the instruments the investor holds.
    for (auto &entry : a->positions)
      if (entry.second.total() > 0 && std::find(ids.begin(), ids.end(), entry.second.instrument) == ids.end()) ids.push_back(entry.second.instrument);
  }
  Rows rows;
  for (const std::string &i : ids) {
    Instrument *ins = FindInstrument(i);
    CThostFtdcInstrumentMarginRateField f{};
    f.InvestorRange = THOST_FTDC_IR_All;
    Put(f.BrokerID, a->broker);
    Put(f.InvestorID, a->user);
    f.HedgeFlag = req.HedgeFlag ? req.HedgeFlag : THOST_FTDC_HF_Speculation;
    f.LongMarginRatioByMoney = ins->product->marginLong;
    f.ShortMarginRatioByMoney = ins->product->marginShort;
    Put(f.ExchangeID, ins->product->exchange);
    Put(f.InstrumentID, i);
    AddRow(rows, [f, requestId](CThostFtdcTraderSpi *spi, bool last) {
      auto c = f;
      CThostFtdcRspInfoField ok{};
      spi->OnRspQryInstrumentMarginRate(&c, &ok, requestId, last);
    });
  }
  DeliverRows(api, std::move(rows), [requestId](CThostFtdcTraderSpi *spi) { spi->OnRspQryInstrumentMarginRate(nullptr, nullptr, requestId, true); });
}

void World::QryInstrumentCommissionRate(TraderApiImpl *api, const CThostFtdcQryInstrumentCommissionRateField &req, int requestId) {
  Account *a = api->account;
  std::string id = GetTrim(req.InstrumentID);
  std::vector<const ProductRow *> products;
  auto add = [&](const ProductRow *p) {
    if (p && std::find(products.begin(), products.end(), p) == products.end()) products.push_back(p);
  };
  if (!id.empty()) {
    Instrument *ins = FindInstrument(id);
    add(ins ? ins->product : FindProduct(id));
  } else {
    for (auto &entry : a->positions)
      if (Instrument *ins = FindInstrument(entry.second.instrument)) add(ins->product);
  }
  Rows rows;
  for (const ProductRow *p : products) {
    CThostFtdcInstrumentCommissionRateField f{};
    f.InvestorRange = THOST_FTDC_IR_All;
    Put(f.BrokerID, a->broker);
    Put(f.InvestorID, a->user);
    double *byMoney[3] = {&f.OpenRatioByMoney, &f.CloseRatioByMoney, &f.CloseTodayRatioByMoney};
    double *byVolume[3] = {&f.OpenRatioByVolume, &f.CloseRatioByVolume, &f.CloseTodayRatioByVolume};
    double rates[3] = {p->commissionOpen, p->commissionClose, p->commissionCloseToday};
    for (int i = 0; i < 3; i++) *(p->commissionByVolume ? byVolume[i] : byMoney[i]) = rates[i];
    Put(f.ExchangeID, p->exchange);
    f.BizType = THOST_FTDC_BZTP_Future;
    // Real fronts answer with the product's rate, its InstrumentID set to the product code (rb, not rb2505).
    Put(f.InstrumentID, p->product);
    AddRow(rows, [f, requestId](CThostFtdcTraderSpi *spi, bool last) {
      auto c = f;
      CThostFtdcRspInfoField ok{};
      spi->OnRspQryInstrumentCommissionRate(&c, &ok, requestId, last);
    });
  }
  DeliverRows(api, std::move(rows), [requestId](CThostFtdcTraderSpi *spi) { spi->OnRspQryInstrumentCommissionRate(nullptr, nullptr, requestId, true); });
}

void World::Unsupported(TraderApiImpl *api, int requestId) {
  auto lock = Lock();
  if (!api->connected) return;
  CThostFtdcRspInfoField info;
  FillRspInfo(info, kErrUnsupported);
  api->Deliver([info, requestId](CThostFtdcTraderSpi *spi) {
    auto i = info;
    spi->OnRspError(&i, requestId, true);
  });
}

// ---- market data ---------------------------------------------------------------------------------------------------

int World::MdLogin(MdApiImpl *api, const CThostFtdcReqUserLoginField &req, int requestId) {
  auto lock = Lock();
  if (!api->connected) return -1;
  RollDayIfDue();
  api->loggedIn = true;
  Put(api->tradingDay, std::to_string(tradingDay_));
  CThostFtdcRspUserLoginField rsp{};
  BeijingTime now = BeijingNow();
  Put(rsp.TradingDay, std::to_string(tradingDay_));
  Put(rsp.LoginTime, now.Hms());
  std::memcpy(rsp.BrokerID, req.BrokerID, sizeof rsp.BrokerID);
  std::memcpy(rsp.UserID, req.UserID, sizeof rsp.UserID);
  Put(rsp.SystemName, TEXT_SYSTEM_NAME);
  rsp.FrontID = api->frontId;
  rsp.SessionID = ++nextSessionId_;
  CThostFtdcRspInfoField info;
  FillRspInfo(info, 0);
  api->Deliver([rsp, info, requestId](CThostFtdcMdSpi *spi) {
    auto r = rsp;
    auto i = info;
    spi->OnRspUserLogin(&r, &i, requestId, true);
  });
  return 0;
}

int World::MdLogout(MdApiImpl *api, const CThostFtdcUserLogoutField &req, int requestId) {
  auto lock = Lock();
  if (!api->connected) return -1;
  int err = api->loggedIn ? 0 : kErrNotLoginYet;
  api->loggedIn = false;
  api->subscriptions.clear();
  CThostFtdcUserLogoutField rsp = req;
  CThostFtdcRspInfoField info;
  FillRspInfo(info, err);
  api->Deliver([rsp, info, requestId](CThostFtdcMdSpi *spi) {
    auto r = rsp;
    auto i = info;
    spi->OnRspUserLogout(&r, &i, requestId, true);
  });
  return 0;
}

int World::Subscribe(MdApiImpl *api, char *ids[], int count, bool subscribe) {
  auto lock = Lock();
  if (!api->connected) return -1;
  if (!ids || count <= 0) return -1;
  CThostFtdcRspInfoField info;
  FillRspInfo(info, api->loggedIn ? 0 : kErrNotLoginYet);
  for (int i = 0; i < count; i++) {
    if (!ids[i]) continue;
    std::string id = Trim(ids[i]);
    CThostFtdcSpecificInstrumentField f{};
    Put(f.InstrumentID, id);
    bool last = i + 1 == count;
    if (subscribe) {
      api->Deliver([f, info, last](CThostFtdcMdSpi *spi) {
        auto c = f;
        auto r = info;
        spi->OnRspSubMarketData(&c, &r, 0, last);
      });
      if (!api->loggedIn) continue;
      api->subscriptions.insert(id);
      // A subscription is answered with the latest snapshot at once.
      Instrument *ins = FindInstrument(id);
      if (ins && ins->hasQuote) {
        CThostFtdcDepthMarketDataField q = ins->quote;
        api->Deliver([q](CThostFtdcMdSpi *spi) {
          auto c = q;
          spi->OnRtnDepthMarketData(&c);
        });
      }
    } else {
      api->subscriptions.erase(id);
      api->Deliver([f, info, last](CThostFtdcMdSpi *spi) {
        auto c = f;
        auto r = info;
        spi->OnRspUnSubMarketData(&c, &r, 0, last);
      });
    }
  }
  return 0;
}

void World::MdUnsupported(MdApiImpl *api, int requestId) {
  auto lock = Lock();
  if (!api->connected) return;
  CThostFtdcRspInfoField info;
  FillRspInfo(info, kErrUnsupported);
  api->Deliver([info, requestId](CThostFtdcMdSpi *spi) {
    auto i = info;
    spi->OnRspError(&i, requestId, true);
  });
}

// ---- the control hook ----------------------------------------------------------------------------------------------

void World::Reset() {
  auto lock = Lock();
  for (TraderApiImpl *api : std::vector<TraderApiImpl *>(traders_.begin(), traders_.end())) Drop(api, 0x1001);
  for (MdApiImpl *api : std::vector<MdApiImpl *>(mds_.begin(), mds_.end())) Drop(api, 0x1001);
  accounts_.clear();
  instruments_.clear();
  for (auto &f : fronts_) f.second.reachable = true;
  faults_ = Faults();
  autoOpen_ = true;
  dayFixed_ = false;
  tradingDay_ = TradingDayOf(BeijingNow());
  BuildInstruments();
}

int World::AddAccount(const char *broker, const char *user, const char *password, const char *appId, const char *authCode, double balance) {
  auto lock = Lock();
  if (!broker || !user || !*broker || !*user) return -1;
  std::string key = std::string(broker) + "\n" + user;
  auto &slot = accounts_[key];
  if (!slot) {
    slot = std::make_unique<Account>();
    slot->broker = broker;
    slot->user = user;
    slot->preBalance = balance;
  }
  slot->password = password ? password : "";
  slot->appId = appId ? appId : "";
  slot->authCode = authCode ? authCode : "";
  slot->autoOpened = false;
  slot->loginFailures = 0;
  return 0;
}

int World::InjectQuote(const CThostFtdcDepthMarketDataField &q) {
  auto lock = Lock();
  std::string id = GetTrim(q.InstrumentID);
  Instrument *ins = EnsureInstrument(id);
  if (!ins) return -1;
  id = GetTrim(ins->field.InstrumentID);
  CThostFtdcDepthMarketDataField copy = q;
  BeijingTime now = BeijingNow();
  if (!copy.TradingDay[0]) Put(copy.TradingDay, std::to_string(tradingDay_));
  if (!copy.ActionDay[0]) Put(copy.ActionDay, std::to_string(now.date));
  if (!copy.UpdateTime[0]) {
    Put(copy.UpdateTime, now.Hms());
    copy.UpdateMillisec = now.millis;
  }
  Put(copy.InstrumentID, id);
  if (!copy.ExchangeInstID[0]) Put(copy.ExchangeInstID, id);
  ins->quote = copy;
  ins->hasQuote = true;
  for (int i = 0; i < 5; i++) ins->takenAsk[i] = ins->takenBid[i] = 0;
  if (ValidPrice(copy.PreSettlementPrice)) ins->preSettlement = copy.PreSettlementPrice;
  for (MdApiImpl *md : mds_) {
    if (!md->loggedIn || !md->subscriptions.count(id)) continue;
    md->Deliver([copy](CThostFtdcMdSpi *spi) {
      auto c = copy;
      spi->OnRtnDepthMarketData(&c);
    });
  }
  MatchResting(ins);
  return 0;
}

int World::BurstQuotes(const std::string &instrument, int count, int spacingUs) {
  CThostFtdcDepthMarketDataField base{};
  {
    auto lock = Lock();
    Instrument *ins = EnsureInstrument(instrument);
    if (!ins || count <= 0) return -1;
    if (ins->hasQuote) base = ins->quote;
    else {
      Put(base.InstrumentID, GetTrim(ins->field.InstrumentID));
      base.LastPrice = base.BidPrice1 = base.AskPrice1 = 1000 * ins->product->priceTick;
    }
  }
  // A market-data burst arrives from the network thread, not from the client's: a thread of its own here.
  std::thread([this, base, count, spacingUs] {
    for (int i = 1; i <= count; i++) {
      CThostFtdcDepthMarketDataField q = base;
      q.Volume = base.Volume + i;
      q.UpdateMillisec = i % 1000;
      InjectQuote(q);
      if (spacingUs > 0) std::this_thread::sleep_for(std::chrono::microseconds(spacingUs));
    }
  }).detach();
  return 0;
}

int World::SetFrontReachable(const std::string &front, bool reachable) {
  auto lock = Lock();
  fronts_[front].reachable = reachable;
  if (fronts_[front].frontId == 0) fronts_[front].frontId = static_cast<int>(fronts_.size());
  int n = 0;
  if (!reachable) {
    for (TraderApiImpl *api : std::vector<TraderApiImpl *>(traders_.begin(), traders_.end()))
      if (api->front == front) Drop(api, 0x1001), n++;
    for (MdApiImpl *api : std::vector<MdApiImpl *>(mds_.begin(), mds_.end()))
      if (api->front == front) Drop(api, 0x1001), n++;
  }
  return n;
}

int World::DisconnectFront(const std::string &front, int reason) {
  auto lock = Lock();
  int n = 0;
  bool all = front.empty() || front == "*";
  for (TraderApiImpl *api : std::vector<TraderApiImpl *>(traders_.begin(), traders_.end()))
    if (all || api->front == front) Drop(api, reason), n++;
  for (MdApiImpl *api : std::vector<MdApiImpl *>(mds_.begin(), mds_.end()))
    if (all || api->front == front) Drop(api, reason), n++;
  return n;
}

int World::HeartBeatWarning(const std::string &front, int timeLapse) {
  auto lock = Lock();
  int n = 0;
  bool all = front.empty() || front == "*";
  for (TraderApiImpl *api : traders_)
    if (all || api->front == front) api->Deliver([timeLapse](CThostFtdcTraderSpi *spi) { spi->OnHeartBeatWarning(timeLapse); }), n++;
  for (MdApiImpl *api : mds_)
    if (all || api->front == front) api->Deliver([timeLapse](CThostFtdcMdSpi *spi) { spi->OnHeartBeatWarning(timeLapse); }), n++;
  return n;
}

void World::RejectOrders(int n, bool atExchange, int errorId) {
  auto lock = Lock();
  faults_.rejectOrders = n;
  faults_.rejectAtExchange = atExchange;
  faults_.rejectErrorId = errorId;
}

int World::SetTradingDay(int day) {
  auto lock = Lock();
  if (day < 19900101 || day > 21001231) return -1;
  dayFixed_ = true;
  if (day > tradingDay_) {
    Settle(day);
    // Fronts restart between trading days: every client is disconnected and logs in again.
    for (TraderApiImpl *api : std::vector<TraderApiImpl *>(traders_.begin(), traders_.end())) Drop(api, 0x1001);
    for (MdApiImpl *api : std::vector<MdApiImpl *>(mds_.begin(), mds_.end())) Drop(api, 0x1001);
  } else {
    tradingDay_ = day;
  }
  return 0;
}

long long World::Stat(const std::string &name) {
  auto lock = Lock();
  if (name == "live_apis") return liveApis;
  if (name == "order_inserts") return orderInserts_;
  if (name == "last_order_us") return lastOrderMicros;
  if (name == "login_attempts") return loginAttempts_;
  if (name == "queries") return queries_;
  if (name == "query_refusals") return queryRefusals_;
  if (name == "connections") return connections_;
  if (name == "sessions") return sessions_;
  if (name == "trading_day") return tradingDay_;
  return -1;
}

}  // namespace ctpsim
