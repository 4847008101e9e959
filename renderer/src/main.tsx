import { StrictMode } from 'react'
import { createRoot } from 'react-dom/client'
import { createClient } from './client'
import { App } from './components/App'
import { createAppStore, StoreContext } from './state/store'
import './styles.css'

const client = createClient()
const store = createAppStore(client)

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <StoreContext.Provider value={store}>
      <App client={client} />
    </StoreContext.Provider>
  </StrictMode>,
)
