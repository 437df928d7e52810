// ctp-sim's CThostFtdcTraderApi: the client side of the simulated front. Requests go to the World; callbacks come
// back on this object's own thread, as from the real library.
#include <cstring>

#include "util.h"
#include "world.h"

namespace ctpsim {

TraderApiImpl::TraderApiImpl(const char *flowPath, bool production) {
  (void)flowPath;
  (void)production;
  World::Get().liveApis++;
}

TraderApiImpl::~TraderApiImpl() { World::Get().liveApis--; }

void TraderApiImpl::Release() {
  World &w = World::Get();
  bool wasConnected;
  {
    auto lock = w.Lock();
    wasConnected = connected;
  }
  // The real library was seen to call OnFrontDisconnected(0) on the releasing thread when the SPI is still
  // registered; clients avoid it with RegisterSpi(NULL) first.
  if (wasConnected)
    if (CThostFtdcTraderSpi *spi = spi_.load()) spi->OnFrontDisconnected(0);
  {
    auto lock = w.Lock();
    w.Unregister(this);
  }
  dispatcher_.Stop();
  {
    std::lock_guard<std::mutex> lock(join_->m);
    join_->done = true;
  }
  join_->cv.notify_all();
  delete this;
}

void TraderApiImpl::Init() {
  {
    auto lock = World::Get().Lock();
    if (inited) return;
    inited = true;
  }
  dispatcher_.Start();
  Run([this] { TryConnect(); });
}

void TraderApiImpl::TryConnect() {
  World &w = World::Get();
  bool ok;
  int delay;
  {
    auto lock = w.Lock();
    if (released) return;
    ok = w.Connect(this);
    delay = w.reconnectDelayMs();
  }
  if (ok) {
    if (CThostFtdcTraderSpi *spi = spi_.load()) spi->OnFrontConnected();
  } else {
    // An unreachable front: no callback at all, another attempt later (what the real library does).
    RunAfter(delay, [this] { TryConnect(); });
  }
}

int TraderApiImpl::Join() {
  std::shared_ptr<JoinState> state = join_;
  std::unique_lock<std::mutex> lock(state->m);
  state->cv.wait(lock, [&] { return state->done; });
  return 0;
}

const char *TraderApiImpl::GetTradingDay() { return tradingDay; }

void TraderApiImpl::GetFrontInfo(CThostFtdcFrontInfoField *pFrontInfo) {
  if (!pFrontInfo) return;
  auto lock = World::Get().Lock();
  std::memset(pFrontInfo, 0, sizeof *pFrontInfo);
  Put(pFrontInfo->FrontAddr, front);
  pFrontInfo->QryFreq = World::Get().queryPerSecond();
  pFrontInfo->FTDPkgFreq = 6;
}

void TraderApiImpl::RegisterFront(char *pszFrontAddress) {
  if (!pszFrontAddress) return;
  auto lock = World::Get().Lock();
  fronts.push_back(pszFrontAddress);
}

void TraderApiImpl::RegisterNameServer(char *pszNsAddress) { (void)pszNsAddress; }
void TraderApiImpl::RegisterFensUserInfo(CThostFtdcFensUserInfoField *pFensUserInfo) { (void)pFensUserInfo; }
void TraderApiImpl::RegisterSpi(CThostFtdcTraderSpi *pSpi) { spi_.store(pSpi); }

void TraderApiImpl::SubscribePrivateTopic(THOST_TE_RESUME_TYPE nResumeType) {
  auto lock = World::Get().Lock();
  privateResume = nResumeType;
}

void TraderApiImpl::SubscribePublicTopic(THOST_TE_RESUME_TYPE nResumeType) { (void)nResumeType; }

int TraderApiImpl::RegisterUserSystemInfo(CThostFtdcUserSystemInfoField *p) { return (void)p, 0; }
int TraderApiImpl::SubmitUserSystemInfo(CThostFtdcUserSystemInfoField *p) { return (void)p, 0; }
int TraderApiImpl::RegisterWechatUserSystemInfo(CThostFtdcWechatUserSystemInfoField *p) { return (void)p, 0; }
int TraderApiImpl::SubmitWechatUserSystemInfo(CThostFtdcWechatUserSystemInfoField *p) { return (void)p, 0; }

int TraderApiImpl::ReqAuthenticate(CThostFtdcReqAuthenticateField *p, int id) { return p ? World::Get().Authenticate(this, *p, id) : -1; }
int TraderApiImpl::ReqUserLogin(CThostFtdcReqUserLoginField *p, int id) { return p ? World::Get().UserLogin(this, *p, id) : -1; }
int TraderApiImpl::ReqUserLogout(CThostFtdcUserLogoutField *p, int id) { return p ? World::Get().UserLogout(this, *p, id) : -1; }
int TraderApiImpl::ReqOrderInsert(CThostFtdcInputOrderField *p, int id) { return p ? World::Get().OrderInsert(this, *p, id) : -1; }
int TraderApiImpl::ReqOrderAction(CThostFtdcInputOrderActionField *p, int id) { return p ? World::Get().OrderAction(this, *p, id) : -1; }
int TraderApiImpl::ReqSettlementInfoConfirm(CThostFtdcSettlementInfoConfirmField *p, int id) {
  return p ? World::Get().SettlementInfoConfirm(this, *p, id) : -1;
}

// Queries: the struct is copied before the call returns, as the real library serialises it at once.
#define CTPSIM_QUERY(Method, Field, Answer)                                                                  \
  int TraderApiImpl::Method(Field *p, int id) {                                                              \
    if (!p) return -1;                                                                                       \
    Field req = *p;                                                                                          \
    return World::Get().Query(this, id, [req](TraderApiImpl *api, int rid) { World::Get().Answer(api, req, rid); }); \
  }

CTPSIM_QUERY(ReqQryOrder, CThostFtdcQryOrderField, QryOrder)
CTPSIM_QUERY(ReqQryTrade, CThostFtdcQryTradeField, QryTrade)
CTPSIM_QUERY(ReqQryInvestorPosition, CThostFtdcQryInvestorPositionField, QryInvestorPosition)
CTPSIM_QUERY(ReqQryTradingAccount, CThostFtdcQryTradingAccountField, QryTradingAccount)
CTPSIM_QUERY(ReqQryInstrumentMarginRate, CThostFtdcQryInstrumentMarginRateField, QryInstrumentMarginRate)
CTPSIM_QUERY(ReqQryInstrumentCommissionRate, CThostFtdcQryInstrumentCommissionRateField, QryInstrumentCommissionRate)
CTPSIM_QUERY(ReqQryInstrument, CThostFtdcQryInstrumentField, QryInstrument)
CTPSIM_QUERY(ReqQrySettlementInfo, CThostFtdcQrySettlementInfoField, QrySettlementInfo)
CTPSIM_QUERY(ReqQryInvestorPositionDetail, CThostFtdcQryInvestorPositionDetailField, QryInvestorPositionDetail)

}  // namespace ctpsim

// ---- the library's exported entry points -----------------------------------------------------------------------------

CThostFtdcTraderApi *CThostFtdcTraderApi::CreateFtdcTraderApi(const char *pszFlowPath, bool bIsProductionMode) {
  return new ctpsim::TraderApiImpl(pszFlowPath, bIsProductionMode);
}

const char *CThostFtdcTraderApi::GetApiVersion() { return "v6.7.11_20250617 ctp-sim"; }
