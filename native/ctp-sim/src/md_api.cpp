// ctp-sim's CThostFtdcMdApi: market data from the World's quotes, on this object's own thread.
#include <cstring>

#include "util.h"
#include "world.h"

namespace ctpsim {

MdApiImpl::MdApiImpl(const char *flowPath) {
  (void)flowPath;
  World::Get().liveApis++;
}

MdApiImpl::~MdApiImpl() { World::Get().liveApis--; }

void MdApiImpl::Release() {
  World &w = World::Get();
  bool wasConnected;
  {
    auto lock = w.Lock();
    wasConnected = connected;
  }
  if (wasConnected)
    if (CThostFtdcMdSpi *spi = spi_.load()) spi->OnFrontDisconnected(0);
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

void MdApiImpl::Init() {
  {
    auto lock = World::Get().Lock();
    if (inited) return;
    inited = true;
  }
  dispatcher_.Start();
  Run([this] { TryConnect(); });
}

void MdApiImpl::TryConnect() {
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
    if (CThostFtdcMdSpi *spi = spi_.load()) spi->OnFrontConnected();
  } else {
    RunAfter(delay, [this] { TryConnect(); });
  }
}

int MdApiImpl::Join() {
  std::shared_ptr<JoinState> state = join_;
  std::unique_lock<std::mutex> lock(state->m);
  state->cv.wait(lock, [&] { return state->done; });
  return 0;
}

const char *MdApiImpl::GetTradingDay() { return tradingDay; }

void MdApiImpl::RegisterFront(char *pszFrontAddress) {
  if (!pszFrontAddress) return;
  auto lock = World::Get().Lock();
  fronts.push_back(pszFrontAddress);
}

void MdApiImpl::RegisterNameServer(char *pszNsAddress) { (void)pszNsAddress; }
void MdApiImpl::RegisterFensUserInfo(CThostFtdcFensUserInfoField *pFensUserInfo) { (void)pFensUserInfo; }
void MdApiImpl::RegisterSpi(CThostFtdcMdSpi *pSpi) { spi_.store(pSpi); }

int MdApiImpl::SubscribeMarketData(char *ppInstrumentID[], int nCount) { return World::Get().Subscribe(this, ppInstrumentID, nCount, true); }
int MdApiImpl::UnSubscribeMarketData(char *ppInstrumentID[], int nCount) { return World::Get().Subscribe(this, ppInstrumentID, nCount, false); }
int MdApiImpl::SubscribeForQuoteRsp(char *ppInstrumentID[], int nCount) { return (void)ppInstrumentID, (void)nCount, 0; }
int MdApiImpl::UnSubscribeForQuoteRsp(char *ppInstrumentID[], int nCount) { return (void)ppInstrumentID, (void)nCount, 0; }
int MdApiImpl::ReqUserLogin(CThostFtdcReqUserLoginField *p, int id) { return p ? World::Get().MdLogin(this, *p, id) : -1; }
int MdApiImpl::ReqUserLogout(CThostFtdcUserLogoutField *p, int id) { return p ? World::Get().MdLogout(this, *p, id) : -1; }
int MdApiImpl::ReqQryMulticastInstrument(CThostFtdcQryMulticastInstrumentField *p, int id) {
  (void)p;
  World::Get().MdUnsupported(this, id);
  return 0;
}

}  // namespace ctpsim

CThostFtdcMdApi *CThostFtdcMdApi::CreateFtdcMdApi(const char *pszFlowPath, const bool bIsUsingUdp, const bool bIsMulticast, bool bIsProductionMode) {
  (void)bIsUsingUdp;
  (void)bIsMulticast;
  (void)bIsProductionMode;
  return new ctpsim::MdApiImpl(pszFlowPath);
}

const char *CThostFtdcMdApi::GetApiVersion() { return "v6.7.11_20250617 ctp-sim"; }
