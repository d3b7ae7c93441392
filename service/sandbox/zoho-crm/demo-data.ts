/**
 * The demo org's data (npm start, manual runs): a manufacturer's accounts with billing and shipping addresses,
 * their contacts, suppliers as Vendors with GL accounts, products, open deals and one sales order with lines —
 * what the GP ↔ Zoho flows of seed 002 read and write. Names are invented.
 */
import type { AdminWriter } from './admin-records.ts';

const id = (r: Record<string, unknown>): { id: string } => ({ id: String(r.id) });

export function seedDemo(writer: AdminWriter): void {
  const contoso = writer.create('Accounts', {
    Account_Name: 'Contoso Pharmaceuticals',
    Account_Number: 'CONTOSO0001',
    Account_Type: 'Customer',
    Industry: 'Manufacturing',
    Phone: '+1 312 555 0140',
    Website: 'https://contoso.example.com',
    Billing_Street: '1100 W Randolph St',
    Billing_City: 'Chicago',
    Billing_State: 'IL',
    Billing_Code: '60607',
    Billing_Country: 'United States',
    Shipping_Street: '2200 S Halsted St',
    Shipping_City: 'Chicago',
    Shipping_State: 'IL',
    Shipping_Code: '60608',
    Shipping_Country: 'United States',
  });
  const northwind = writer.create('Accounts', {
    Account_Name: 'Northwind Outfitters',
    Account_Number: 'NORTHWIN0001',
    Account_Type: 'Customer',
    Industry: 'Retail',
    Phone: '+1 206 555 0177',
    Billing_Street: '400 Pine St',
    Billing_City: 'Seattle',
    Billing_State: 'WA',
    Billing_Code: '98101',
    Billing_Country: 'United States',
  });
  writer.create('Accounts', { Account_Name: 'Fabrikam Robotics', Account_Type: 'Prospect', Industry: 'Technology', Billing_City: 'Austin', Billing_State: 'TX', Billing_Country: 'United States' });

  writer.create('Contacts', { First_Name: 'Priya', Last_Name: 'Raman', Email: 'priya.raman@contoso.example.com', Phone: '+1 312 555 0141', Title: 'Purchasing Manager', Account_Name: id(contoso) });
  writer.create('Contacts', { First_Name: 'Marcus', Last_Name: 'Lee', Email: 'marcus.lee@northwind.example.com', Account_Name: id(northwind) });

  const steel = writer.create('Vendors', { Vendor_Name: 'Great Lakes Steel Supply', Email: 'orders@greatlakessteel.example.com', Phone: '+1 216 555 0110', GL_Account: 'Sales-Hardware', Street: '77 Erie Ave', City: 'Cleveland', State: 'OH', Zip_Code: '44114', Country: 'United States' });
  writer.create('Vendors', { Vendor_Name: 'Pacific Packaging Co.', Email: 'ap@pacificpack.example.com', GL_Account: 'Sales-Other', City: 'Portland', State: 'OR', Zip_Code: '97201', Country: 'United States' });
  writer.create('Contacts', { First_Name: 'Dana', Last_Name: 'Whitfield', Email: 'dana@greatlakessteel.example.com', Vendor_Name: id(steel) });

  const bracket = writer.create('Products', { Product_Name: 'Steel Mounting Bracket', Product_Code: 'BRK-100', Product_Active: true, Product_Category: 'Hardware', Unit_Price: 12.5, Vendor_Name: id(steel), Qty_in_Stock: 400 });
  const controller = writer.create('Products', { Product_Name: 'Motion Controller MC-2', Product_Code: 'MC-2', Product_Active: true, Product_Category: 'Hardware', Unit_Price: 349 });
  writer.create('Products', { Product_Name: 'Maintenance Plan (annual)', Product_Code: 'SVC-ANN', Product_Active: true, Product_Category: 'Software', Unit_Price: 1200 });

  const deal = writer.create('Deals', { Deal_Name: 'Contoso line retrofit', Account_Name: id(contoso), Amount: 18_250, Stage: 'Negotiation/Review', Closing_Date: '2026-03-31', Type: 'Existing Business' });
  writer.create('Deals', { Deal_Name: 'Northwind spring restock', Account_Name: id(northwind), Amount: 4_200, Stage: 'Qualification', Closing_Date: '2026-04-15', Type: 'New Business' });

  writer.create('Sales_Orders', {
    Subject: 'Contoso retrofit phase 1',
    Account_Name: id(contoso),
    Deal_Name: id(deal),
    Status: 'Created',
    Due_Date: '2026-02-28',
    Billing_Street: '1100 W Randolph St',
    Billing_City: 'Chicago',
    Billing_State: 'IL',
    Billing_Code: '60607',
    Billing_Country: 'United States',
    Ordered_Items: [
      { Product_Name: id(bracket), Quantity: 40, List_Price: 12.5 },
      { Product_Name: id(controller), Quantity: 2, List_Price: 349, Discount: 20 },
    ],
  });
}
